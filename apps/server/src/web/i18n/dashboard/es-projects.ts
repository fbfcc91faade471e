// The dashboard's projects strings in Spanish: project list, settings and API keys (spread into es.ts).
import type { enProjects } from './en-projects.ts';

export const esProjects: Readonly<Record<keyof typeof enProjects, string>> = {
  'dash.projects.title': 'Proyectos',
  'dash.projects.intro':
    'Cada proyecto tiene sus propias claves de API, webhooks, verificaciones y configuración.',
  'dash.projects.table.caption': 'Proyectos de esta cuenta',
  'dash.projects.table.name': 'Nombre',
  'dash.projects.table.plan': 'Plan',
  'dash.projects.table.created': 'Creado',
  'dash.projects.table.settings': 'Configuración',
  'dash.projects.table.settingsLink': 'Configuración de {name}',
  'dash.projects.empty': 'Aún no hay proyectos.',
  'dash.projects.create.heading': 'Crear un proyecto',
  'dash.projects.create.name': 'Nombre',
  'dash.projects.create.nameHint':
    'Se muestra en el panel y, salvo que defina un nombre de marca, en las páginas alojadas.',
  'dash.projects.create.submit': 'Crear proyecto',
  'dash.projects.create.after': 'Irá a sus claves de prueba, listo para probar la API.',
  'dash.projects.error.summary': 'No se ha guardado nada. Corrija los campos marcados a continuación.',
  'dash.projects.error.name': 'Introduzca un nombre de 1 a 200 caracteres.',
  'dash.projects.error.plan': 'Elija uno de los planes.',
  'dash.projects.plan.free': 'Gratuito',
  'dash.projects.plan.pro': 'Pro',
  'dash.projects.plan.enterprise': 'Enterprise',

  'dash.projects.settings.title': 'Configuración',
  'dash.projects.settings.intro':
    'Esta configuración se aplica al proyecto en ambos modos. Los cambios se aplican a partir de la siguiente solicitud, en todos los procesos.',
  'dash.projects.settings.readOnly':
    'Solo los propietarios y los administradores pueden cambiar esta configuración.',
  'dash.projects.settings.saved': 'Configuración guardada.',
  'dash.projects.settings.unchanged': 'No se ha cambiado nada.',
  'dash.projects.settings.submit': 'Guardar configuración',
  'dash.projects.settings.group.project': 'Proyecto',
  'dash.projects.settings.group.policy': 'Política de verificación',
  'dash.projects.settings.group.velocity': 'Límites de frecuencia',
  'dash.projects.settings.group.invites': 'Invitaciones y redirecciones',
  'dash.projects.settings.group.webauthn': 'Llaves de acceso (parte de confianza WebAuthn)',
  'dash.projects.settings.group.branding': 'Páginas alojadas',
  'dash.projects.settings.name': 'Nombre del proyecto',
  'dash.projects.settings.plan': 'Plan',
  'dash.projects.settings.trustThreshold': 'Umbral de confianza',
  'dash.projects.settings.trustThresholdHint':
    'La puntuación de confianza, de 0 a 100, que necesita una verificación para superarse.',
  'dash.projects.settings.trustThresholdError': 'Introduzca un número entero de 0 a 100.',
  'dash.projects.settings.requiredAssurance': 'Nivel de garantía exigido',
  'dash.projects.settings.requiredAssuranceHint':
    'Llave de acceso: una llave de acceso nueva. Prueba de vida: además, la comprobación con cámara. Única: además, ninguna otra identidad con el mismo rostro.',
  'dash.projects.settings.requiredAssuranceError': 'Elija uno de los niveles.',
  'dash.projects.settings.assurance.default': 'Predeterminado (única)',
  'dash.projects.settings.assurance.passkey': 'Llave de acceso',
  'dash.projects.settings.assurance.liveness': 'Prueba de vida',
  'dash.projects.settings.assurance.unique': 'Única',
  'dash.projects.settings.attestationRequired': 'Exigir la atestación del autenticador',
  'dash.projects.settings.attestationRequiredHint':
    'Solo se aceptan llaves de acceso creadas por los modelos de autenticador indicados a continuación.',
  'dash.projects.settings.aaguidAllowList': 'Modelos de autenticador permitidos (AAGUID)',
  'dash.projects.settings.aaguidAllowListHint': 'Uno por línea, como fa2b99dc-9e39-4257-8f92-4a30d23c4118.',
  'dash.projects.settings.aaguidAllowListError':
    'Indique cada modelo como dígitos hexadecimales 8-4-4-4-12 (no el que es todo ceros), 100 como máximo. Si se exige la atestación, indique al menos uno.',
  'dash.projects.settings.velocity.newHumansPerIpPerHour': 'Personas nuevas por dirección IP y hora',
  'dash.projects.settings.velocity.newHumansPerPrefixPerHour': 'Personas nuevas por prefijo de red y hora',
  'dash.projects.settings.velocity.newHumansPerDevicePerDay': 'Personas nuevas por dispositivo y día',
  'dash.projects.settings.velocity.startsPerIpPerHour': 'Verificaciones iniciadas por dirección IP y hora',
  'dash.projects.settings.velocity.startsPerDevicePerHour': 'Verificaciones iniciadas por dispositivo y hora',
  'dash.projects.settings.velocity.limitError': 'Introduzca un número entero de 1 a 10000.',
  'dash.projects.settings.velocity.action': 'Cuando se supera un límite',
  'dash.projects.settings.velocity.actionError': 'Elija una de las dos opciones.',
  'dash.projects.settings.velocity.review': 'Retener la verificación para revisión',
  'dash.projects.settings.velocity.fail': 'Dar la verificación por fallida',
  'dash.projects.settings.inviteTtlSeconds': 'Duración de la invitación en segundos',
  'dash.projects.settings.inviteTtlSecondsHint':
    'De 300 (5 minutos) a 2592000 (30 días). Vacío: el valor predeterminado de la instalación, {seconds} segundos.',
  'dash.projects.settings.inviteTtlSecondsError':
    'Introduzca un número entero de 300 a 2592000, o déjelo vacío.',
  'dash.projects.settings.redirectOrigins': 'Orígenes de redirección permitidos',
  'dash.projects.settings.redirectOriginsHint':
    'Uno por línea: solo esquema, host y puerto, como https://shop.example (https salvo que el host sea localhost). Vacío: se acepta cualquier dirección de redirección.',
  'dash.projects.settings.originsError':
    'Indique cada origen solo con esquema, host y puerto, como https://shop.example (https salvo que el host sea localhost), 50 como máximo.',
  'dash.projects.settings.webauthnRpId': 'ID de la parte de confianza',
  'dash.projects.settings.webauthnRpIdHint':
    'El dominio al que pertenecen las llaves de acceso de sus usuarios, como shop.example. Vacío: el de esta instalación de POY.',
  'dash.projects.settings.webauthnRpIdError':
    'Introduzca un dominio como shop.example en el que estén todos los orígenes de llaves de acceso (el propio dominio o un subdominio), o déjelo vacío.',
  'dash.projects.settings.webauthnRpName': 'Nombre de la parte de confianza',
  'dash.projects.settings.webauthnRpNameHint':
    'Se muestra en la solicitud de la llave de acceso. Vacío: el nombre del proyecto.',
  'dash.projects.settings.webauthnOrigins': 'Orígenes de llaves de acceso',
  'dash.projects.settings.webauthnOriginsHint':
    'Uno por línea: sus sitios que realizan ceremonias de llaves de acceso para este proyecto. Vacío: el origen propio de esta instalación de POY.',
  'dash.projects.settings.brandName': 'Nombre en las páginas alojadas',
  'dash.projects.settings.brandNameHint': 'Vacío: el nombre del proyecto.',
  'dash.projects.settings.brandColor': 'Color de acento',
  'dash.projects.settings.brandColorHint':
    'Un color hexadecimal como #0a7d4f. Vacío: los colores propios de POY.',
  'dash.projects.settings.brandColorError':
    'Introduzca # y seis dígitos hexadecimales, como #0a7d4f, o déjelo vacío.',
  'dash.projects.settings.brandLogoUrl': 'Dirección del logotipo',
  'dash.projects.settings.brandLogoUrlHint':
    'Una dirección https de su logotipo, que se muestra con 48 píxeles de alto como máximo. Los navegadores de las personas lo cargan desde allí. Vacío: sin logotipo.',
  'dash.projects.settings.brandLogoUrlError':
    'Introduzca una dirección https sin nombre de usuario ni contraseña, o déjelo vacío.',
  'dash.projects.settings.textTooLong': '100 caracteres como máximo.',

  'dash.projects.keys.title': 'Claves de API',
  'dash.projects.keys.intro.test':
    'Solo claves de prueba: ven datos de prueba y nunca afectan a personas reales. Las claves de producción se muestran en el modo de producción.',
  'dash.projects.keys.intro.live':
    'Solo claves de producción. Las claves de prueba se muestran en el modo de prueba.',
  'dash.projects.keys.table.caption': 'Claves de API en este modo',
  'dash.projects.keys.table.name': 'Nombre',
  'dash.projects.keys.table.prefix': 'Clave',
  'dash.projects.keys.table.mode': 'Modo',
  'dash.projects.keys.table.creator': 'Creada por',
  'dash.projects.keys.table.created': 'Creada',
  'dash.projects.keys.table.lastUsed': 'Último uso',
  'dash.projects.keys.table.status': 'Estado',
  'dash.projects.keys.table.actions': 'Acciones',
  'dash.projects.keys.neverUsed': 'Nunca',
  'dash.projects.keys.status.active': 'Activa',
  'dash.projects.keys.status.revoked': 'Revocada el {time}',
  'dash.projects.keys.creator.cli': 'Línea de comandos',
  'dash.projects.keys.creator.api': 'API',
  'dash.projects.keys.creator.unknown': 'No registrado',
  'dash.projects.keys.empty': 'Aún no hay claves en este modo.',
  'dash.projects.keys.create.heading': 'Crear una clave',
  'dash.projects.keys.create.name': 'Nombre',
  'dash.projects.keys.create.nameHint': 'Para que pueda reconocerla, como el servidor que la usa.',
  'dash.projects.keys.create.nameError': 'Introduzca un nombre de 1 a 100 caracteres.',
  'dash.projects.keys.create.submit': 'Crear clave',
  'dash.projects.keys.reveal.heading': 'Su nueva clave «{name}»',
  'dash.projects.keys.reveal.once':
    'Esta es la única vez que se muestra la clave completa. Cópiela ahora y guárdela en un lugar seguro; si la pierde, revóquela y cree otra.',
  'dash.projects.keys.reveal.copy': 'Copiar clave',
  'dash.projects.keys.reveal.copied': 'Copiada',
  'dash.projects.keys.revoke.submit': 'Revocar',
  'dash.projects.keys.revoke.submitLabel': 'Revocar la clave «{name}»',
  'dash.projects.keys.revoke.confirm':
    '¿Revocar la clave «{name}»? Las solicitudes que la usen se rechazarán de inmediato.',
  'dash.projects.keys.revoked': 'Se ha revocado la clave «{name}». A partir de ahora, la API la rechaza.',
};

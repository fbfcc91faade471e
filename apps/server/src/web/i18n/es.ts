// Every string a person sees on the hosted pages, in Spanish (formal register: usted), and the
// dashboard's from dashboard/es.ts. Same keys and `{placeholders}` as en.ts (i18n/catalogs.test.ts
// checks both); the brand is not translated.
import { esDashboard } from './dashboard/es.ts';
import type { Messages } from './translate.ts';

export const es: Messages = {
  'common.brand': 'Proof of You',
  'common.sandboxBanner': 'Sandbox: modo de prueba. Nada de lo que ocurra aquí afecta a personas reales.',
  'common.noscript': 'Esta página necesita JavaScript. Actívelo o abra el enlace en otro navegador.',
  'common.expiresAt': 'Este enlace funciona hasta {time}.',
  'common.continueTo': 'Continuar a {projectName}',
  'common.tryAgain': 'Intentar de nuevo',
  'common.redirecting': 'Le estamos llevando de vuelta a {projectName}…',
  'common.language': 'Idioma',

  'status.PENDING': 'Esperando a que termine en su teléfono…',
  'status.VERIFIED.title': 'Verificación completada',
  'status.VERIFIED.body': 'Ya puede cerrar esta pestaña.',
  'status.IN_REVIEW.title': 'Su verificación está en revisión',
  'status.IN_REVIEW.body': 'No tiene que hacer nada más aquí. {projectName} le comunicará el resultado.',
  'status.UNFULFILLABLE.title': 'No se pudo completar la verificación',
  'status.UNFULFILLABLE.body': 'Vuelva a {projectName} para ver qué puede hacer a continuación.',
  'status.EXPIRED.title': 'Este enlace ha caducado',
  'status.EXPIRED.body': 'Pida un enlace nuevo a {projectName}.',
  'status.REVOKED.title': 'Este enlace ya no es válido',
  'status.REVOKED.body':
    '{projectName} canceló esta verificación. Pida a {projectName} un enlace nuevo si todavía lo necesita.',

  'profile.title': 'Perfil PoY {poyId}',
  'profile.verified': 'Persona verificada',
  'profile.unverified': 'Aún sin verificar',
  'profile.trustScore': 'Puntuación de confianza: {score} de 100',
  'profile.since': 'Verificada desde {date}',
  'profile.explainer':
    'Una identidad PoY pertenece a una sola persona real, que lo demostró con una llave de acceso y una breve comprobación. Nada más sobre ella es público.',
  'profile.badgeHeading': 'Insignia',
  'profile.badgeAlt': 'Insignia PoY de {poyId}',
  'profile.badgeVerified': 'persona verificada',
  'profile.badgeUnverified': 'sin verificar',

  'desktop.title': 'Continúe en su teléfono',
  'desktop.heading': 'Continúe en su teléfono',
  'desktop.intro':
    '{projectName} le pide que confirme que es una persona real. Se tarda aproximadamente un minuto.',
  'desktop.scanHint': 'Escanee este código con la cámara de su teléfono.',
  'desktop.qrLabel': 'Código QR que abre esta verificación en su teléfono',
  'desktop.orType': 'O abra {joinUrl} en su teléfono y escriba este código:',
  'desktop.shortCodeSpelled': 'Código: {spelled}',
  'desktop.openHere': 'Abrir en este dispositivo',
  'desktop.progressHeading': 'Progreso',

  'landing.title': 'Bienvenida',
  'landing.heading': 'Proof of You en este servidor',
  'landing.intro':
    'Este servidor comprueba que una persona es real y única para las aplicaciones que lo utilizan. Las personas llegan aquí mediante un enlace o un código de una de esas aplicaciones.',
  'landing.linksHeading': 'Para desarrolladores y operadores',
  'landing.docs': 'Referencia de la API',
  'landing.docsHint': 'Ambas API, con cada solicitud, respuesta y error, y una forma de probarlas.',
  'landing.dashboard': 'Panel',
  'landing.dashboardHint':
    'Inicie sesión con una llave de acceso para gestionar proyectos, claves de API, webhooks y verificaciones.',
  'landing.health': 'Estado',
  'landing.healthHint': 'Responde mientras el servidor está en marcha (/healthz).',
  'landing.readiness': 'Disponibilidad',
  'landing.readinessHint':
    'Responde cuando el servidor llega a su base de datos y puede aceptar trabajo (/readyz).',
  'landing.join': '¿Tiene un código de otra pantalla? Introdúzcalo aquí',

  'join.title': 'Introduzca su código',
  'join.heading': 'Introduzca el código de su pantalla',
  'join.intro': 'Escriba el código que aparece en su otro dispositivo.',
  'join.label': 'Código',
  'join.hint': 'Letras y cifras, como ABCD-2345. Los guiones y espacios son opcionales.',
  'join.submit': 'Continuar',
  'join.errorInvalid': 'Eso no parece un código. Revíselo e inténtelo de nuevo.',
  'join.errorUnknown':
    'No encontramos ese código. Puede que haya caducado: compruebe el código en su otra pantalla o pida un enlace nuevo.',

  'inUse.title': 'Enlace en uso en otro dispositivo',
  'inUse.heading': 'Este enlace se está usando en otro dispositivo',
  'inUse.body':
    'La comprobación para {projectName} se inició en otro teléfono o navegador y solo puede terminarse allí.',
  'inUse.finish': 'Si fue usted, termine en el dispositivo en el que empezó.',
  'inUse.newLink': 'Si no fue usted, o ya no tiene ese dispositivo, pida un enlace nuevo a {projectName}.',

  'notFound.title': 'Enlace no encontrado',
  'notFound.heading': 'Este enlace no funciona',
  'notFound.body':
    'Puede que esté mal escrito o que se haya sustituido por uno más reciente. Pida un enlace nuevo al sitio que se lo envió.',
  'notFound.join': '¿Tiene un código de otra pantalla? Introdúzcalo aquí',

  'phone.title': 'Confirme que es una persona',
  'phone.intro.heading': '{projectName} le pide que confirme que es una persona real',
  'phone.intro.checkedHeading': 'Qué comprobamos',
  'phone.intro.checkedPasskey':
    'Una llave de acceso en este teléfono, desbloqueada con su huella, su cara o el bloqueo de pantalla.',
  'phone.intro.checkedCamera':
    'Una breve comprobación con la cámara: usted mira a la cámara y luego gira la cabeza unas cuantas veces según indiquen las flechas.',
  'phone.intro.storedHeading': 'Qué guardamos',
  'phone.intro.storedPasskey':
    'La clave pública de su llave de acceso, que por sí sola no puede desbloquear nada.',
  'phone.intro.storedScore': 'Una puntuación de humanidad.',
  'phone.intro.storedFace':
    'Una plantilla facial: números, no una imagen, cifrada, para reconocerle si vuelve a verificarse.',
  'phone.intro.storedNever':
    'Nunca fotos ni vídeo: las imágenes de la cámara se comprueban en memoria y se descartan. La huella o la cara que desbloquea su llave de acceso nunca sale de su teléfono.',
  'phone.intro.sharedHeading': 'Qué recibe {projectName}',
  'phone.intro.sharedScore':
    'Su puntuación de humanidad y un identificador que es único para usted solo en {projectName}.',
  'phone.intro.sharedPhone': 'Si su número de teléfono está verificado.',
  'phone.intro.continue': 'Continuar',

  'phone.passkey.heading': 'Use una llave de acceso',
  'phone.passkey.body': 'Su teléfono le pedirá la huella, la cara o el bloqueo de pantalla.',
  'phone.passkey.create': 'Crear mi identidad PoY',
  'phone.passkey.createHint': 'Primera vez: crea una llave de acceso nueva en este teléfono.',
  'phone.passkey.existing': 'Ya tengo una llave de acceso PoY',
  'phone.passkey.existingHint': 'Ya se verificó antes: use la llave de acceso que creó entonces.',
  'phone.passkey.waiting': 'Esperando a su llave de acceso…',
  'phone.passkey.done': 'Llave de acceso confirmada. Su ID PoY es {poyId}.',

  'phone.consent.heading': 'Comprobación con la cámara',
  'phone.consent.body':
    'Mirará a la cámara y luego girará la cabeza unas cuantas veces según indiquen las flechas. Se tarda aproximadamente medio minuto.',
  'phone.consent.privacyHeading': 'Qué ocurre con las imágenes',
  'phone.consent.privacyMemory':
    'Unas pocas imágenes fijas se envían a nuestro servidor y se comprueban en memoria. Se descartan de inmediato: nunca se escriben en disco, en registros ni en una base de datos.',
  'phone.consent.privacyTemplate':
    'Solo se guarda una plantilla facial: números, no una imagen, cifrada. Nos permite reconocer a la misma persona si vuelve a verificarse.',
  'phone.consent.privacyErase': 'Al borrar su identidad PoY se borra también la plantilla facial.',
  'phone.consent.start': 'Iniciar la comprobación con la cámara',
  'phone.consent.otherHeading': '¿No puede hacerlo?',
  'phone.consent.otherNote':
    'Cualquiera de estas opciones termina la comprobación sin la cámara. Después le diremos claramente qué acepta {projectName}.',
  'phone.consent.noCamera': 'No puedo usar una cámara',
  'phone.consent.cannotMove': 'No puedo mover la cabeza',
  'phone.consent.declined': 'Prefiero no hacerlo',

  'phone.camera.heading': 'Comprobación con la cámara',
  'phone.camera.previewLabel':
    'La imagen de su cámara, invertida como en un espejo, con un óvalo en el que colocar la cara',
  'phone.camera.loading': 'Iniciando la cámara…',
  'phone.camera.center': 'Mire directamente a la cámara, con la cara dentro del óvalo.',
  'phone.camera.move.left': 'Gire la cabeza hacia su izquierda',
  'phone.camera.move.right': 'Gire la cabeza hacia su derecha',
  'phone.camera.move.up': 'Incline la cabeza hacia arriba',
  'phone.camera.move.down': 'Incline la cabeza hacia abajo',
  'phone.camera.progress': 'Movimiento {current} de {total}',
  'phone.camera.countdown': 'Quedan {seconds} s',
  'phone.camera.hint.hold': 'No se mueva…',
  'phone.camera.hint.noFace': 'No vemos su cara. Manténgala dentro del óvalo.',
  'phone.camera.hint.turnLeft': 'Gire un poco hacia su izquierda.',
  'phone.camera.hint.turnRight': 'Gire un poco hacia su derecha.',
  'phone.camera.hint.chinUp': 'Levante un poco la barbilla.',
  'phone.camera.hint.chinDown': 'Baje un poco la barbilla.',
  'phone.camera.timeout': 'Se acabó el tiempo para este movimiento. Vuelva a intentarlo cuando lo desee.',
  'phone.camera.noFace':
    'Dejamos de ver su cara, así que la comprobación se detuvo. Sostenga el teléfono delante de usted e inténtelo de nuevo.',
  'phone.camera.manyFaces':
    'Había más de una cara a la vista, así que la comprobación se detuvo. Asegúrese de que solo aparece usted en la imagen e inténtelo de nuevo.',
  'phone.camera.expired':
    'Esta comprobación con la cámara tardó demasiado. Inténtelo de nuevo con una nueva.',
  'phone.camera.denied':
    'La cámara está bloqueada para esta página. Permítala en la configuración de su navegador e inténtelo de nuevo, o continúe sin la cámara.',
  'phone.camera.noCamera':
    'No encontramos ninguna cámara en este dispositivo. Puede continuar sin la comprobación con la cámara.',
  'phone.camera.failed':
    'No se pudo iniciar la cámara. Cierre otras aplicaciones que la estén usando e inténtelo de nuevo, o continúe sin la cámara.',
  'phone.camera.modelFailed':
    'No se pudo cargar la comprobación con la cámara. Revise su conexión e inténtelo de nuevo.',
  'phone.camera.uploading': 'Comprobando las imágenes…',
  'phone.camera.passed': 'Comprobación con la cámara superada.',
  'phone.camera.notPassed': 'La comprobación con la cámara no se superó:',
  'phone.camera.reasonUnknown': 'Las imágenes no mostraban los movimientos que pedimos.',
  'phone.camera.attemptsLeft': 'Intentos restantes: {count}.',
  'phone.camera.noAttemptsLeft': 'No quedan intentos. Termine para ver su resultado.',
  'phone.camera.again': 'Iniciar una nueva comprobación con la cámara',
  'phone.camera.finish': 'Terminar',
  'phone.camera.without': 'Continuar sin la cámara',

  'phone.skip.heading': 'Terminar sin la comprobación con la cámara',
  'phone.skip.accepted':
    '{projectName} acepta una verificación solo con su llave de acceso. Termine para ver su resultado.',
  'phone.skip.notAccepted':
    '{projectName} pide una comprobación con la cámara; sin ella, su verificación no será aceptada. Puede terminar ahora o abrir este enlace en un teléfono con cámara.',
  'phone.skip.finish': 'Terminar',

  'phone.working': 'Comprobando su resultado…',
  'phone.result.verifiedHeading': 'Su identidad está verificada',
  'phone.result.verifiedBody': '{projectName} ya sabe que una persona real completó esta comprobación.',
  'phone.result.failedHeading': 'No hemos podido verificarle',
  'phone.result.failedBody': 'Esto es lo que observamos:',
  'phone.result.passkeyOnly': 'Esta verificación usó su llave de acceso, sin la comprobación con la cámara.',
  'phone.result.reviewHeading': 'Su verificación está en revisión',
  'phone.result.reviewBody': '{projectName} se lo comunicará.',
  'phone.result.close': 'Ya puede cerrar esta página.',

  'phone.error.heading': 'Algo salió mal',
  'phone.error.cancelled':
    'La solicitud de la llave de acceso se canceló o caducó. Vuelva a intentarlo cuando lo desee.',
  'phone.error.noWebauthn':
    'Este navegador no puede usar llaves de acceso. Abra este enlace en el navegador principal de su teléfono (como Safari o Chrome) y asegúrese de que está actualizado.',
  'phone.error.alreadyRegistered':
    'Este teléfono ya tiene una llave de acceso PoY. Elija «Ya tengo una llave de acceso PoY».',
  'phone.error.passkeyFailed':
    'Su teléfono no pudo usar una llave de acceso. Inténtelo de nuevo o pruebe la otra opción.',
  'phone.error.network': 'No pudimos conectar con el servidor. Revise su conexión e inténtelo de nuevo.',
  'phone.error.server': 'El servidor no pudo completar este paso. Inténtelo de nuevo en un momento.',

  'phone.sandbox.heading': 'Sandbox: simular un resultado',
  'phone.sandbox.body': 'Termina esta verificación con el resultado elegido, sin la comprobación real.',
  'phone.sandbox.verified': 'Verificado',
  'phone.sandbox.failed': 'Fallido',
  'phone.sandbox.duplicate': 'Persona duplicada',
  'phone.sandbox.expired': 'Caducado',

  'reason.USER_VERIFICATION_MISSING':
    'La llave de acceso se usó sin su huella, su cara o el bloqueo de pantalla.',
  'reason.AUTOMATION_DETECTED': 'Este navegador está controlado por un software de automatización.',
  'reason.USER_AGENT_CHANGED': 'El navegador cambió durante la comprobación.',
  'reason.USER_AGENT_MISSING': 'El navegador no se identificó.',
  'reason.CREDENTIAL_FLAGS_INCONSISTENT': 'La llave de acceso informó de datos incoherentes.',
  'reason.ROAMING_AUTHENTICATOR':
    'La llave de acceso procedía de un dispositivo aparte, como una llave de seguridad.',
  'reason.AUTHENTICATOR_ATTACHMENT_UNKNOWN': 'No pudimos saber dónde está guardada la llave de acceso.',
  'reason.CHALLENGE_MISSING': 'No se hizo el ejercicio de arrastre.',
  'reason.MALFORMED_TRACE': 'No se pudieron leer los datos del ejercicio de arrastre.',
  'reason.CHALLENGE_INCOMPLETE': 'El ejercicio de arrastre no se terminó.',
  'reason.TOO_FEW_EVENTS': 'El punto se movió demasiado poco para medirlo.',
  'reason.TELEPORTING_POINTER': 'El punto saltó en lugar de ser arrastrado.',
  'reason.REACTION_TOO_FAST': 'El punto se movió más rápido de lo que una persona puede reaccionar.',
  'reason.STRAIGHT_LINE_MOVEMENT': 'El punto se movió en líneas perfectamente rectas.',
  'reason.CONSTANT_VELOCITY': 'El punto se movió a una velocidad perfectamente constante.',
  'reason.EVENLY_SPACED_POINTS': 'El movimiento fue perfectamente uniforme.',
  'reason.UNIFORM_TIMING': 'El ritmo del movimiento fue perfectamente regular.',
  'reason.NEW_PASSKEY':
    'Esta llave de acceso es nueva, así que las verificaciones anteriores aún no cuentan.',
  'reason.LIVENESS_NOT_ATTEMPTED': 'No se hizo la comprobación con la cámara.',
  'reason.CAMERA_DECLINED': 'Decidió continuar sin la comprobación con la cámara.',
  'reason.NO_CAMERA': 'No se pudo usar ninguna cámara para la comprobación.',
  'reason.CANNOT_MOVE_HEAD': 'Continuó sin los movimientos de cabeza.',
  'reason.LIVENESS_FAILED': 'La comprobación con la cámara no se superó.',
  'reason.NO_FACE': 'No se pudo ver una cara en todas las imágenes.',
  'reason.MULTIPLE_FACES': 'Había más de una cara a la vista.',
  'reason.POSE_NOT_FOLLOWED': 'Los movimientos de cabeza no coincidían con lo que se pidió.',
  'reason.FACE_MISMATCH_ACROSS_FRAMES': 'No todas las imágenes mostraban a la misma persona.',
  'reason.FRAMES_NOT_FRESH': 'Las imágenes llegaron más rápido de lo que una persona puede moverse.',
  'reason.FACE_REVIEW':
    'Su cara se parece a la de alguien que ya se verificó, así que una persona lo revisará.',
  'reason.VELOCITY':
    'Llegaron demasiadas verificaciones nuevas desde esta red o este dispositivo en poco tiempo.',
  'reason.ATTESTATION_REQUIRED': '{projectName} solo acepta llaves de acceso de dispositivos aprobados.',
  'reason.ASSURANCE_BELOW_POLICY':
    '{projectName} necesita la comprobación con la cámara para aceptar la verificación.',
  'reason.DUPLICATE_HUMAN': 'Ya se verificó con {projectName} con otra cuenta.',
  'reason.unknown': 'Otra comprobación no se superó.',
  'common.goToProject': 'Ir a {projectName} para obtener un enlace nuevo',
  'profile.badgeUnknown': 'id desconocido',
  'profile.badgeTestIdentity': 'identidad de prueba, no pública',
  'profile.badgeMissingAlt': 'Insignia PoY de {poyId}: {label}',
  'profile.testIdentity.title': 'Identidad de prueba',
  'profile.testIdentity.heading': 'Las identidades de prueba no son públicas',
  'profile.testIdentity.body':
    '{poyId} se creó en el sandbox (modo de prueba). Las identidades de prueba solo existen para el proyecto que las creó, por lo que no tienen perfil ni insignia públicos.',
  'profile.testIdentity.next':
    'Una identidad real, creada por una persona real con un enlace real, tiene aquí un perfil.',
  'docs.brand': 'Documentación de POY',
  'docs.skipToContent': 'Ir al contenido',
  'docs.navLabel': 'Documentación',
  'docs.home': 'Inicio de la documentación',
  'docs.dashboard': 'Panel',
  'docs.title': 'Documentación',
  'docs.heading': 'Documentación de POY',
  'docs.intro':
    'Guías para integrar la API de POY y la API de Connect, recibir sus webhooks, hacer pruebas en el sandbox y ejecutar su propio servidor, y la referencia de cada solicitud.',
  'docs.guidesHeading': 'Guías',
  'docs.referenceHeading': 'Referencia',
  'docs.reference': 'Referencia de la API',
  'docs.referenceHint': 'Cada operación de ambas API, con sus parámetros, respuestas y errores.',
  'docs.referenceLoading': 'Cargando la referencia de la API…',
  'docs.openapiDocument': 'Documento OpenAPI',
  'docs.openapiHint': 'La misma descripción en JSON (OpenAPI 3.1), para generadores de código y linters.',
  'docs.tocHeading': 'En esta página',
  'docs.sectionLink': 'Enlace a esta sección',
  'docs.notFoundHeading': 'No existe esa guía',
  'docs.notFoundBody': 'No hay ninguna guía en esta dirección. Puede que se haya movido.',
  'docs.notFoundLink': 'Ver todas las guías',
  'reason.SANDBOX_FAILED': 'El sandbox terminó esta verificación como fallida (modo de prueba).',
  ...esDashboard,
};

// The dashboard's auth strings in Spanish: sign-in, one-time links, sessions, refusals (spread into es.ts).
import type { enAuth } from './en-auth.ts';

export const esAuth: Readonly<Record<keyof typeof enAuth, string>> = {
  'dash.auth.refusal.badRequest.title': 'No se pudo usar esa solicitud',
  'dash.auth.refusal.badRequest.body':
    'Faltaba algún dato o no era válido. Vuelva atrás e inténtelo de nuevo.',
  'dash.auth.refusal.signedOut.title': 'Ha cerrado la sesión',
  'dash.auth.refusal.signedOut.body':
    'Su sesión ha finalizado (caduca tras 30 minutos sin uso y a las 12 horas). Vuelva a iniciar sesión.',
  'dash.auth.refusal.forbidden.title': 'No permitido',
  'dash.auth.refusal.forbidden.body':
    'Su rol en esta cuenta no lo permite. Pídalo a un propietario o a un administrador.',
  'dash.auth.refusal.forgery.title': 'Solicitud rechazada',
  'dash.auth.refusal.forgery.body':
    'Esta solicitud no procede de una página del panel que le hayamos enviado, así que no se ha cambiado nada. Vuelva a cargar la página e inténtelo de nuevo.',
  'dash.auth.refusal.notFound.title': 'No encontrado',
  'dash.auth.refusal.notFound.body': 'Aquí no hay nada, o pertenece a otra cuenta.',
  'dash.auth.refusal.tooMany.title': 'Demasiados intentos',
  'dash.auth.refusal.tooMany.body': 'Espere unos minutos y vuelva a intentarlo.',
  'dash.auth.refusal.internal.title': 'Se ha producido un error',
  'dash.auth.refusal.internal.body': 'El problema ha quedado registrado. Inténtelo de nuevo en un momento.',

  'dash.auth.noscript':
    'Las llaves de acceso necesitan JavaScript. Actívelo o abra esta página en otro navegador.',
  'dash.auth.login.title': 'Iniciar sesión en el panel',
  'dash.auth.login.intro':
    'Use la llave de acceso que creó al abrir su enlace de inicio de sesión o de invitación. Sin contraseña ni nombre de usuario.',
  'dash.auth.login.button': 'Iniciar sesión con una llave de acceso',
  'dash.auth.login.noPasskey':
    '¿Aún no tiene una llave de acceso? Pida un enlace de invitación a un propietario o a un administrador de su cuenta. En un servidor nuevo, use el enlace de inicio de sesión que mostró al arrancar por primera vez.',
  'dash.auth.login.signedOut': 'Ha cerrado la sesión.',

  'dash.auth.link.title': 'Unirse a {accountName}',
  'dash.auth.link.firstOwnerIntro':
    'Usted es el primer propietario de {accountName}. Introduzca su nombre y cree una llave de acceso: a partir de ahora iniciará sesión con ella.',
  'dash.auth.link.inviteIntro':
    'Le han invitado a {accountName} con el rol {role}. Introduzca su nombre y cree una llave de acceso: a partir de ahora iniciará sesión con ella.',
  'dash.auth.link.expiresAt': 'Este enlace funciona una sola vez, hasta {time}.',
  'dash.auth.link.nameLabel': 'Su nombre',
  'dash.auth.link.nameHint':
    'Su equipo lo ve, y el registro de auditoría lo anota junto a cada acción que realice.',
  'dash.auth.link.button': 'Crear una llave de acceso e iniciar sesión',
  'dash.auth.link.unknown.title': 'Este enlace no funciona',
  'dash.auth.link.unknown.body': 'Puede que esté mal escrito. Pida uno nuevo a quien se lo envió.',
  'dash.auth.link.used.title': 'Este enlace ya se ha utilizado',
  'dash.auth.link.used.body':
    'Un enlace funciona una sola vez. Si creó una llave de acceso con él, inicie sesión con esa llave; si no, pida una nueva invitación.',
  'dash.auth.link.expired.title': 'Este enlace ha caducado',
  'dash.auth.link.expired.body':
    'Pida una nueva invitación a un propietario o a un administrador de la cuenta.',

  'dash.auth.ceremony.challengeInvalid':
    'La solicitud de la llave de acceso tardó demasiado o ya se había respondido. Inténtelo de nuevo.',
  'dash.auth.ceremony.passkeyInvalid': 'No se pudo comprobar la llave de acceso. Inténtelo de nuevo.',
  'dash.auth.ceremony.passkeyUnknown':
    'Esta llave de acceso no está registrada en este panel. Use la que creó con su enlace o pida una invitación.',
  'dash.auth.ceremony.credentialExists':
    'Esta llave de acceso ya está registrada aquí. Inicie sesión con ella.',
  'dash.auth.ceremony.memberRemoved': 'Ya no es miembro de esta cuenta.',

  'dash.auth.client.waiting': 'Esperando su llave de acceso…',
  'dash.auth.client.signedIn': 'Sesión iniciada. Abriendo el panel…',
  'dash.auth.client.cancelled':
    'Se cerró la solicitud de la llave de acceso. Inténtelo de nuevo cuando esté listo.',
  'dash.auth.client.alreadyRegistered':
    'Este dispositivo ya tiene una llave de acceso para este panel. Inicie sesión con ella.',
  'dash.auth.client.unsupported':
    'Este navegador no admite llaves de acceso. Use una versión actual de Chrome, Edge, Firefox o Safari.',
  'dash.auth.client.nameRequired': 'Introduzca su nombre.',
  'dash.auth.client.network':
    'No se pudo contactar con el servidor. Compruebe su conexión e inténtelo de nuevo.',
  'dash.auth.client.failed': 'No ha funcionado. Inténtelo de nuevo.',

  'dash.auth.security.title': 'Sesiones',
  'dash.auth.security.intro':
    'Dónde tiene la sesión iniciada. Una sesión finaliza tras 30 minutos sin uso y 12 horas después de iniciarla.',
  'dash.auth.security.caption': 'Sus sesiones',
  'dash.auth.security.col.browser': 'Navegador',
  'dash.auth.security.col.started': 'Inicio de sesión',
  'dash.auth.security.col.lastSeen': 'Último uso',
  'dash.auth.security.thisSession': 'Esta sesión',
  'dash.auth.security.unknownBrowser': 'Navegador desconocido',
  'dash.auth.security.signOutHeading': 'Cerrar sesión',
  'dash.auth.security.signOut': 'Cerrar esta sesión',
  'dash.auth.security.signOutEverywhere': 'Cerrar sesión en todas partes',
  'dash.auth.security.signOutEverywhereHint':
    'Finaliza todas sus sesiones en todos los dispositivos, incluida esta. Úselo si ha perdido un dispositivo o ha iniciado sesión en un ordenador compartido.',
  'dash.auth.security.confirmEverywhere': '¿Cerrar todas las sesiones, en todos los dispositivos?',
};

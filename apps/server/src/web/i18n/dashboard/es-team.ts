// The dashboard's team and audit log strings in Spanish (spread into es.ts).
import type { enTeam } from './en-team.ts';

export const esTeam: Readonly<Record<keyof typeof enTeam, string>> = {
  'dash.team.title': 'Equipo',
  'dash.team.members.heading': 'Miembros',
  'dash.team.members.caption': 'Miembros de {account}',
  'dash.team.column.name': 'Nombre',
  'dash.team.column.role': 'Rol',
  'dash.team.column.joined': 'Incorporación (UTC)',
  'dash.team.column.actions': 'Quitar',
  'dash.team.column.invited': 'Invitación (UTC)',
  'dash.team.column.expires': 'El enlace funciona hasta (UTC)',
  'dash.team.you': 'Usted',
  'dash.team.roleOf': 'Rol de {name}',
  'dash.team.changeRole': 'Cambiar rol',
  'dash.team.forMember': 'de {name}',
  'dash.team.remove': 'Quitar',
  'dash.team.confirmRemove':
    '¿Quitar a {name} de esta cuenta? Las sesiones de esa persona finalizarán de inmediato.',
  'dash.team.confirmRemoveSelf':
    '¿Quitarse a sí mismo ({name}) de esta cuenta? Se cerrará su sesión y no podrá volver sin una nueva invitación.',
  'dash.team.lastOwnerHint':
    'Esta cuenta tiene un solo propietario. Haga propietario a otro miembro antes de que ese propietario pueda cambiar de rol o irse.',
  'dash.team.invite.heading': 'Invitar a alguien',
  'dash.team.invite.cli':
    'Desde una terminal en el servidor, la misma invitación es {command} (con la base de datos integrada y el servidor detenido).',
  'dash.team.invite.intro':
    'Una invitación es un enlace que funciona una sola vez, durante 7 días. Quien lo abre se une con el rol que usted elija y registra una llave de acceso. Envíeselo usted mismo a la persona.',
  'dash.team.invite.name': 'Nombre de la persona (opcional)',
  'dash.team.invite.nameHint': 'Podrá cambiarlo al abrir el enlace.',
  'dash.team.invite.role': 'Rol',
  'dash.team.invite.submit': 'Crear un enlace de invitación',
  'dash.team.invites.heading': 'Invitaciones abiertas',
  'dash.team.invites.caption': 'Enlaces de invitación aún sin usar',
  'dash.team.invites.empty': 'No hay ningún enlace de invitación pendiente de uso.',
  'dash.team.invites.noName': 'Sin nombre',
  'dash.team.newInvite.title': 'El enlace de invitación, que solo se muestra esta vez:',
  'dash.team.newInvite.copy': 'Copiar el enlace',
  'dash.team.newInvite.copied': 'Copiado',
  'dash.team.newInvite.body':
    'Funciona una sola vez, hasta {time}. Cópielo ahora: no se vuelve a mostrar y no se guarda en ningún lugar desde el que podamos leerlo de nuevo.',
  'dash.team.notice.roleChanged': 'Se ha cambiado el rol.',
  'dash.team.notice.removed': 'Se ha quitado al miembro; sus sesiones han finalizado.',
  'dash.team.error.role': 'Elija un rol de la lista. No se ha cambiado nada.',
  'dash.team.error.name': 'Un nombre tiene 100 caracteres como máximo. No se ha cambiado nada.',
  'dash.team.error.lastOwner':
    'La cuenta debe conservar al menos un propietario. Haga propietario a otro miembro primero. No se ha cambiado nada.',
  'dash.team.roles.heading': 'Qué puede hacer cada rol',
  'dash.team.roleDescription.owner': 'Todo, incluido nombrar y quitar propietarios y administradores.',
  'dash.team.roleDescription.admin':
    'Todo excepto cambiar propietarios: proyectos y configuración, claves, webhooks, verificaciones y revisiones, miembros y el registro de auditoría.',
  'dash.team.roleDescription.developer':
    'Crear y revocar claves de API, gestionar webhooks y reenviar entregas, y ver todo lo demás.',
  'dash.team.roleDescription.viewer':
    'Ver proyectos, claves (sus prefijos), webhooks, verificaciones y uso; no puede cambiar nada.',
  'dash.audit.title': 'Registro de auditoría',
  'dash.audit.intro':
    'Todos los cambios en esta cuenta hechos en el panel, a través de la API o con el comando poy: quién lo hizo, qué fue, cuándo y desde dónde. Los secretos nunca se registran.',
  'dash.audit.filter.heading': 'Filtrar el registro',
  'dash.audit.filter.actor': 'Realizado por',
  'dash.audit.filter.anyone': 'Cualquiera',
  'dash.audit.filter.action': 'Acción',
  'dash.audit.filter.actionHint':
    'El comienzo del nombre de una acción, por ejemplo api_key. para cualquier cambio de clave, o webhook_endpoint.created.',
  'dash.audit.filter.project': 'Proyecto',
  'dash.audit.filter.anyProject': 'Cualquier proyecto, y la propia cuenta',
  'dash.audit.filter.from': 'Desde (día UTC)',
  'dash.audit.filter.to': 'Hasta (día UTC, incluido)',
  'dash.audit.filter.apply': 'Mostrar',
  'dash.audit.filter.clear': 'Borrar los filtros',
  'dash.audit.actor.member': 'Miembro',
  'dash.audit.actor.apiKey': 'Clave de API',
  'dash.audit.actor.cli': 'Línea de comandos',
  'dash.audit.actor.system': 'El servicio',
  'dash.audit.caption': 'Cambios, de más reciente a más antiguo',
  'dash.audit.column.when': 'Cuándo (UTC)',
  'dash.audit.column.who': 'Quién',
  'dash.audit.column.what': 'Qué',
  'dash.audit.column.target': 'Elemento cambiado',
  'dash.audit.column.project': 'Proyecto',
  'dash.audit.column.from': 'Dirección de origen',
  'dash.audit.account': 'La cuenta',
  'dash.audit.noAddress': '—',
  'dash.audit.empty': 'Ningún cambio coincide con estos filtros.',
  'dash.audit.pages': 'Páginas del registro',
  'dash.audit.newest': 'Cambios más recientes',
  'dash.audit.older': 'Cambios anteriores',
  'dash.audit.invalid': 'No se pudieron usar estos filtros, así que no se muestra nada:',
  'dash.audit.error.actor': 'Elija de la lista quién hizo el cambio.',
  'dash.audit.error.action':
    'Una acción se escribe con letras minúsculas, puntos y guiones bajos, 64 como máximo.',
  'dash.audit.error.project': 'Elija de la lista un proyecto de esta cuenta.',
  'dash.audit.error.day': 'Indique un día con el formato AAAA-MM-DD.',
  'dash.audit.error.range': 'El último día es anterior al primero.',
  'dash.audit.error.before':
    'Este enlace de página no es válido. Vuelva a empezar desde los cambios más recientes.',
};

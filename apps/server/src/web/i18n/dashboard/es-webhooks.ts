// The dashboard's webhooks strings in Spanish: endpoints, secrets, the delivery log (spread into es.ts).
import type { enWebhooks } from './en-webhooks.ts';

export const esWebhooks: Readonly<Record<keyof typeof enWebhooks, string>> = {
  'dash.webhooks.title': 'Webhooks',
  'dash.webhooks.back': 'Todos los endpoints de webhook',
  'dash.webhooks.surface.poy': 'API de POY',
  'dash.webhooks.surface.connect': 'API Connect',
  'dash.webhooks.status.pending': 'Pendiente',
  'dash.webhooks.status.succeeded': 'Entregada',
  'dash.webhooks.status.failed': 'Fallida',
  'dash.webhooks.enabled.yes': 'Activado',
  'dash.webhooks.enabled.no': 'Desactivado',
  'dash.webhooks.events.all': 'Todos los eventos, incluidos los tipos que se añadan más adelante',
  'dash.webhooks.latencyMs': '{ms} ms',

  'dash.webhooks.list.intro':
    'Los eventos de este proyecto en este modo se envían a estas URL, firmados con un secreto que solo conocen usted y POY. Prueba y producción tienen endpoints separados.',
  'dash.webhooks.list.heading': 'Endpoints',
  'dash.webhooks.list.caption': 'Endpoints de webhook',
  'dash.webhooks.list.empty': 'Aún no hay endpoints de webhook en este modo.',
  'dash.webhooks.list.surface': 'API',
  'dash.webhooks.list.url': 'URL',
  'dash.webhooks.list.events': 'Eventos',
  'dash.webhooks.list.enabled': 'Estado',
  'dash.webhooks.list.health': 'Salud',
  'dash.webhooks.list.links': 'Enlaces',
  'dash.webhooks.list.details': 'Detalles',
  'dash.webhooks.list.deliveries': 'Entregas',

  'dash.webhooks.health.healthy': 'Correcto',
  'dash.webhooks.health.failing': 'Con fallos',
  'dash.webhooks.health.failingSince': 'todos los intentos han fallado desde',
  'dash.webhooks.health.disabled': 'Desactivado por un miembro o por la API',
  'dash.webhooks.health.disabledFailing': 'Desactivado tras 5 días de entregas fallidas',
  'dash.webhooks.health.recent':
    'Últimas 24 horas: {succeeded} entregadas, {failed} fallidas, {pending} pendientes',
  'dash.webhooks.health.noRecent': 'Ninguna entrega en las últimas 24 horas',

  'dash.webhooks.create.heading': 'Añadir un endpoint',
  'dash.webhooks.edit.heading': 'Modificar este endpoint',
  'dash.webhooks.form.fix': 'Corrija lo siguiente:',
  'dash.webhooks.form.surface': 'API',
  'dash.webhooks.form.url': 'URL',
  'dash.webhooks.form.urlHint':
    'Una dirección http o https de su servidor, sin nombre de usuario ni contraseña.',
  'dash.webhooks.form.events': 'Eventos',
  'dash.webhooks.form.eventsHint':
    'API de POY: deje todas las casillas vacías para recibir todos los eventos, incluidos los tipos que se añadan más adelante. API Connect: elija al menos uno; cada evento elegido se envía a esta URL (que sustituye a la que tenía).',
  'dash.webhooks.form.poyEventsHint':
    'Deje todas las casillas vacías para recibir todos los eventos, incluidos los tipos que se añadan más adelante.',
  'dash.webhooks.form.poyEvents': 'Eventos de la API de POY',
  'dash.webhooks.form.connectEvents': 'Eventos de la API Connect',
  'dash.webhooks.form.enabled': 'Activado (un endpoint desactivado mantiene sus entregas en espera)',
  'dash.webhooks.form.create': 'Añadir endpoint',
  'dash.webhooks.form.save': 'Guardar cambios',

  'dash.webhooks.error.surface': 'Elija la API de POY o la API Connect.',
  'dash.webhooks.error.url':
    'Introduzca la URL a la que se envían los eventos (2048 caracteres como máximo).',
  'dash.webhooks.error.urlRefused': 'Esta URL no puede recibir webhooks: {reason}.',
  'dash.webhooks.error.eventUnknown': 'Elija eventos de la lista.',
  'dash.webhooks.error.eventsOtherSurface': 'Elija solo eventos de la {surface}.',
  'dash.webhooks.error.connectEvents': 'Elija al menos un evento de la API Connect.',
  'dash.webhooks.error.date': 'Introduzca una fecha con el formato AAAA-MM-DD.',
  'dash.webhooks.error.dateRequired': 'Introduzca una fecha.',
  'dash.webhooks.error.dateOrder': 'La primera fecha no puede ser posterior a la última.',
  'dash.webhooks.error.endpoint': 'Elija un endpoint de la lista.',
  'dash.webhooks.error.status': 'Elija un estado de la lista.',
  'dash.webhooks.error.before':
    'Ese enlace de página ya no funciona: vuelva a empezar desde las entregas más recientes.',

  'dash.webhooks.notice.created': 'Endpoint añadido.',
  'dash.webhooks.notice.saved': 'Cambios guardados.',
  'dash.webhooks.notice.deleted': 'Endpoint eliminado, junto con su registro de entregas.',
  'dash.webhooks.notice.testSent':
    'Evento de prueba en cola. Se firma y se entrega como cualquier otro evento; vuelva a cargar la página para ver sus intentos.',
  'dash.webhooks.notice.replayed':
    'Entrega en cola de nuevo, con el mismo webhook-id y el mismo cuerpo. Vuelva a cargar la página para ver el nuevo intento.',
  'dash.webhooks.notice.replayedFailed': 'Entregas fallidas puestas de nuevo en cola: {count}.',

  'dash.webhooks.secret.revealHeading': 'Nuevo secreto de firma para {subject}',
  'dash.webhooks.secret.connectSubject': 'los destinos de la API Connect de este proyecto',
  'dash.webhooks.secret.revealOnce':
    'Cópielo ahora y guárdelo en su servidor: solo se muestra esta vez. Su receptor lo usa para comprobar que cada evento procede de POY.',
  'dash.webhooks.secret.copy': 'Copiar',
  'dash.webhooks.secret.copied': 'Copiado',

  'dash.webhooks.connectSecret.heading': 'Secreto de firma de la API Connect',
  'dash.webhooks.connectSecret.explain':
    'Todos los destinos de la API Connect de este proyecto en este modo se firman con este único secreto. Se muestra al crearlo y al rotarlo, nunca en otro momento; tras una rotación, el secreto anterior sigue firmando en paralelo durante 24 horas.',
  'dash.webhooks.connectSecret.none': 'Aún no existe: se crea con el primer destino de la API Connect.',
  'dash.webhooks.connectSecret.created': 'Creado',
  'dash.webhooks.connectSecret.rotated': 'última rotación',
  'dash.webhooks.connectSecret.create': 'Crear el secreto',
  'dash.webhooks.connectSecret.rotate': 'Rotar el secreto',
  'dash.webhooks.connectSecret.rotateConfirm':
    '¿Sustituir el secreto de firma de la API Connect? El actual seguirá firmando durante 24 horas.',

  'dash.webhooks.endpoint.title': 'Endpoint de webhook',
  'dash.webhooks.endpoint.id': 'ID',
  'dash.webhooks.endpoint.created': 'Creado',
  'dash.webhooks.endpoint.updated': 'Última modificación',
  'dash.webhooks.endpoint.previousSecret': 'El secreto anterior firma hasta',
  'dash.webhooks.endpoint.recentHeading': 'Entregas recientes',
  'dash.webhooks.endpoint.allDeliveries': 'Todas las entregas de este endpoint',
  'dash.webhooks.endpoint.secretHeading': 'Secreto de firma',
  'dash.webhooks.endpoint.secretExplain':
    'El secreto se mostró una sola vez, al añadir el endpoint. Al rotarlo se muestra uno nuevo una sola vez; el anterior sigue firmando en paralelo durante 24 horas.',
  'dash.webhooks.endpoint.connectSecret':
    'Los destinos de la API Connect se firman con el secreto del proyecto:',
  'dash.webhooks.endpoint.rotate': 'Rotar el secreto',
  'dash.webhooks.endpoint.rotateConfirm':
    '¿Sustituir el secreto de firma de este endpoint? El actual seguirá firmando durante 24 horas.',

  'dash.webhooks.test.heading': 'Enviar un evento de prueba',
  'dash.webhooks.test.explainPoy':
    'Envía un evento webhook.test solo a este endpoint, firmado y reintentado como cualquier otro evento.',
  'dash.webhooks.test.explainConnect':
    'Envía un evento WEBHOOK_TEST solo a este destino, firmado y reintentado como cualquier otro evento.',
  'dash.webhooks.test.send': 'Enviar evento de prueba',

  'dash.webhooks.delete.heading': 'Eliminar este endpoint',
  'dash.webhooks.delete.explain':
    'Ya no se le enviarán eventos, y su registro de entregas se elimina con él.',
  'dash.webhooks.delete.confirm': '¿Eliminar el endpoint {url} y su registro de entregas?',
  'dash.webhooks.delete.submit': 'Eliminar endpoint',

  'dash.webhooks.deliveries.title': 'Entregas',
  'dash.webhooks.deliveries.intro':
    'Todos los eventos enviados a los endpoints de este proyecto en este modo, de más reciente a más antiguo, con cada intento. Las fechas están en UTC.',
  'dash.webhooks.deliveries.heading': 'Registro de entregas',
  'dash.webhooks.deliveries.caption': 'Entregas de webhooks',
  'dash.webhooks.deliveries.none': 'Ninguna entrega coincide.',
  'dash.webhooks.deliveries.created': 'Creada',
  'dash.webhooks.deliveries.event': 'Evento',
  'dash.webhooks.deliveries.endpoint': 'Endpoint',
  'dash.webhooks.deliveries.status': 'Estado',
  'dash.webhooks.deliveries.attempts': 'Intentos',
  'dash.webhooks.deliveries.lastStatus': 'Último estado HTTP',
  'dash.webhooks.deliveries.latency': 'Latencia',
  'dash.webhooks.deliveries.links': 'Enlaces',
  'dash.webhooks.deliveries.view': 'Detalles',
  'dash.webhooks.deliveries.older': 'Entregas anteriores',
  'dash.webhooks.deliveries.back': 'El registro de entregas',

  'dash.webhooks.filters.heading': 'Filtros',
  'dash.webhooks.filters.allEndpoints': 'Todos los endpoints',
  'dash.webhooks.filters.allEvents': 'Todos los eventos',
  'dash.webhooks.filters.allStatuses': 'Todos los estados',
  'dash.webhooks.filters.from': 'Desde (fecha UTC)',
  'dash.webhooks.filters.to': 'Hasta (fecha UTC, incluida)',
  'dash.webhooks.filters.apply': 'Filtrar',
  'dash.webhooks.filters.clear': 'Borrar filtros',

  'dash.webhooks.replayFailed.heading': 'Reenviar entregas fallidas',
  'dash.webhooks.replayFailed.explain':
    'Todas las entregas fallidas creadas entre estas fechas (UTC, ambas incluidas) se envían de nuevo de inmediato, con el mismo webhook-id y el mismo cuerpo.',
  'dash.webhooks.replayFailed.confirm': '¿Enviar de nuevo todas las entregas fallidas de estas fechas?',
  'dash.webhooks.replayFailed.submit': 'Reenviar entregas fallidas',

  'dash.webhooks.delivery.title': 'Entrega',
  'dash.webhooks.delivery.id': 'ID (webhook-id)',
  'dash.webhooks.delivery.completed': 'Finalizada',
  'dash.webhooks.delivery.nextAttempt': 'Próximo intento',
  'dash.webhooks.delivery.body': 'Cuerpo enviado',
  'dash.webhooks.replay.submit': 'Reenviar',
  'dash.webhooks.replay.explain':
    'La envía de nuevo de inmediato, con el mismo webhook-id y el mismo cuerpo.',

  'dash.webhooks.attempts.heading': 'Intentos',
  'dash.webhooks.attempts.none': 'Aún no se ha intentado.',
  'dash.webhooks.attempts.number': 'Intento',
  'dash.webhooks.attempts.time': 'Hora',
  'dash.webhooks.attempts.httpStatus': 'Estado HTTP',
  'dash.webhooks.attempts.error': 'Error',
  'dash.webhooks.attempts.response': 'Respuesta (primeros bytes)',
};

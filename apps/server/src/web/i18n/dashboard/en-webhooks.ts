// The dashboard's webhooks strings (endpoints, secrets, the delivery log), in English (spread into the
// catalog by en.ts).
export const enWebhooks = {
  'dash.webhooks.title': 'Webhooks',
  'dash.webhooks.back': 'All webhook endpoints',
  'dash.webhooks.surface.poy': 'POY API',
  'dash.webhooks.surface.connect': 'Connect API',
  'dash.webhooks.status.pending': 'Pending',
  'dash.webhooks.status.succeeded': 'Delivered',
  'dash.webhooks.status.failed': 'Failed',
  'dash.webhooks.enabled.yes': 'Enabled',
  'dash.webhooks.enabled.no': 'Disabled',
  'dash.webhooks.events.all': 'All events, including types added later',
  'dash.webhooks.latencyMs': '{ms} ms',

  'dash.webhooks.list.intro':
    'Events of this project in this mode are sent to these URLs, signed with a secret only you and POY know. Test and live have separate endpoints.',
  'dash.webhooks.list.heading': 'Endpoints',
  'dash.webhooks.list.caption': 'Webhook endpoints',
  'dash.webhooks.list.empty': 'No webhook endpoints in this mode yet.',
  'dash.webhooks.list.surface': 'API',
  'dash.webhooks.list.url': 'URL',
  'dash.webhooks.list.events': 'Events',
  'dash.webhooks.list.enabled': 'State',
  'dash.webhooks.list.health': 'Health',
  'dash.webhooks.list.links': 'Links',
  'dash.webhooks.list.details': 'Details',
  'dash.webhooks.list.deliveries': 'Deliveries',

  'dash.webhooks.health.healthy': 'Healthy',
  'dash.webhooks.health.failing': 'Failing',
  'dash.webhooks.health.failingSince': 'every attempt has failed since',
  'dash.webhooks.health.disabled': 'Disabled by a member or the API',
  'dash.webhooks.health.disabledFailing': 'Disabled after 5 days of failed deliveries',
  'dash.webhooks.health.recent': 'Last 24 hours: {succeeded} delivered, {failed} failed, {pending} pending',
  'dash.webhooks.health.noRecent': 'No deliveries in the last 24 hours',

  'dash.webhooks.create.heading': 'Add an endpoint',
  'dash.webhooks.edit.heading': 'Change this endpoint',
  'dash.webhooks.form.fix': 'Please correct the following:',
  'dash.webhooks.form.surface': 'API',
  'dash.webhooks.form.url': 'URL',
  'dash.webhooks.form.urlHint': 'An http or https address of your server, without user name or password.',
  'dash.webhooks.form.events': 'Events',
  'dash.webhooks.form.eventsHint':
    'POY API: leave every box empty to receive every event, including types added later. Connect API: choose at least one; each chosen event is sent to this URL (replacing the URL it had).',
  'dash.webhooks.form.poyEventsHint':
    'Leave every box empty to receive every event, including types added later.',
  'dash.webhooks.form.poyEvents': 'POY API events',
  'dash.webhooks.form.connectEvents': 'Connect API events',
  'dash.webhooks.form.enabled': 'Enabled (a disabled endpoint keeps its deliveries waiting)',
  'dash.webhooks.form.create': 'Add endpoint',
  'dash.webhooks.form.save': 'Save changes',

  'dash.webhooks.error.surface': 'Choose the POY API or the Connect API.',
  'dash.webhooks.error.url': 'Enter the URL events are sent to (at most 2048 characters).',
  'dash.webhooks.error.urlRefused': 'This URL cannot receive webhooks: it {reason}.',
  'dash.webhooks.error.eventUnknown': 'Choose events from the list.',
  'dash.webhooks.error.eventsOtherSurface': 'Choose only events of the {surface}.',
  'dash.webhooks.error.connectEvents': 'Choose at least one Connect API event.',
  'dash.webhooks.error.date': 'Enter a date as YYYY-MM-DD.',
  'dash.webhooks.error.dateRequired': 'Enter a date.',
  'dash.webhooks.error.dateOrder': 'The first date must not be after the last.',
  'dash.webhooks.error.endpoint': 'Choose an endpoint from the list.',
  'dash.webhooks.error.status': 'Choose a status from the list.',
  'dash.webhooks.error.before': 'That page link no longer works: start again from the newest deliveries.',

  'dash.webhooks.notice.created': 'Endpoint added.',
  'dash.webhooks.notice.saved': 'Changes saved.',
  'dash.webhooks.notice.deleted': 'Endpoint deleted, with its delivery log.',
  'dash.webhooks.notice.testSent':
    'Test event queued. It is signed and delivered like any other event; reload to see its attempts.',
  'dash.webhooks.notice.replayed':
    'Delivery queued again, with the same webhook-id and body. Reload to see the new attempt.',
  'dash.webhooks.notice.replayedFailed': 'Failed deliveries queued again: {count}.',

  'dash.webhooks.secret.revealHeading': 'New signing secret for {subject}',
  'dash.webhooks.secret.connectSubject': 'the Connect API destinations of this project',
  'dash.webhooks.secret.revealOnce':
    'Copy it now and keep it on your server: it is shown only this once. Your receiver uses it to check that each event comes from POY.',
  'dash.webhooks.secret.copy': 'Copy',
  'dash.webhooks.secret.copied': 'Copied',

  'dash.webhooks.connectSecret.heading': 'Connect API signing secret',
  'dash.webhooks.connectSecret.explain':
    'Every Connect API destination of this project in this mode is signed with this one secret. It is shown when it is created and when it is rotated, never otherwise; after a rotation the previous secret keeps signing alongside for 24 hours.',
  'dash.webhooks.connectSecret.none':
    'There is none yet: it is created with the first Connect API destination.',
  'dash.webhooks.connectSecret.created': 'Created',
  'dash.webhooks.connectSecret.rotated': 'last rotated',
  'dash.webhooks.connectSecret.create': 'Create the secret',
  'dash.webhooks.connectSecret.rotate': 'Rotate the secret',
  'dash.webhooks.connectSecret.rotateConfirm':
    'Replace the Connect API signing secret? The current one keeps signing for 24 hours.',

  'dash.webhooks.endpoint.title': 'Webhook endpoint',
  'dash.webhooks.endpoint.id': 'Id',
  'dash.webhooks.endpoint.created': 'Created',
  'dash.webhooks.endpoint.updated': 'Last changed',
  'dash.webhooks.endpoint.previousSecret': 'Previous secret signs until',
  'dash.webhooks.endpoint.recentHeading': 'Recent deliveries',
  'dash.webhooks.endpoint.allDeliveries': 'All deliveries of this endpoint',
  'dash.webhooks.endpoint.secretHeading': 'Signing secret',
  'dash.webhooks.endpoint.secretExplain':
    'The secret was shown once, when the endpoint was added. Rotating shows a new one once; the previous one keeps signing alongside it for 24 hours.',
  'dash.webhooks.endpoint.connectSecret': 'Connect API destinations are signed with the project’s secret:',
  'dash.webhooks.endpoint.rotate': 'Rotate the secret',
  'dash.webhooks.endpoint.rotateConfirm':
    'Replace this endpoint’s signing secret? The current one keeps signing for 24 hours.',

  'dash.webhooks.test.heading': 'Send a test event',
  'dash.webhooks.test.explainPoy':
    'Sends a webhook.test event to this endpoint only, signed and retried like any other event.',
  'dash.webhooks.test.explainConnect':
    'Sends a WEBHOOK_TEST event to this destination only, signed and retried like any other event.',
  'dash.webhooks.test.send': 'Send test event',

  'dash.webhooks.delete.heading': 'Delete this endpoint',
  'dash.webhooks.delete.explain': 'No more events are sent to it, and its delivery log is deleted with it.',
  'dash.webhooks.delete.confirm': 'Delete the endpoint {url} and its delivery log?',
  'dash.webhooks.delete.submit': 'Delete endpoint',

  'dash.webhooks.deliveries.title': 'Deliveries',
  'dash.webhooks.deliveries.intro':
    'Every event sent to this project’s endpoints in this mode, newest first, with each attempt. Dates are in UTC.',
  'dash.webhooks.deliveries.heading': 'Delivery log',
  'dash.webhooks.deliveries.caption': 'Webhook deliveries',
  'dash.webhooks.deliveries.none': 'No deliveries match.',
  'dash.webhooks.deliveries.created': 'Created',
  'dash.webhooks.deliveries.event': 'Event',
  'dash.webhooks.deliveries.endpoint': 'Endpoint',
  'dash.webhooks.deliveries.status': 'Status',
  'dash.webhooks.deliveries.attempts': 'Attempts',
  'dash.webhooks.deliveries.lastStatus': 'Last HTTP status',
  'dash.webhooks.deliveries.latency': 'Latency',
  'dash.webhooks.deliveries.links': 'Links',
  'dash.webhooks.deliveries.view': 'Details',
  'dash.webhooks.deliveries.older': 'Older deliveries',
  'dash.webhooks.deliveries.back': 'The delivery log',

  'dash.webhooks.filters.heading': 'Filters',
  'dash.webhooks.filters.allEndpoints': 'All endpoints',
  'dash.webhooks.filters.allEvents': 'All events',
  'dash.webhooks.filters.allStatuses': 'All statuses',
  'dash.webhooks.filters.from': 'From (UTC date)',
  'dash.webhooks.filters.to': 'To (UTC date, included)',
  'dash.webhooks.filters.apply': 'Filter',
  'dash.webhooks.filters.clear': 'Clear filters',

  'dash.webhooks.replayFailed.heading': 'Replay failed deliveries',
  'dash.webhooks.replayFailed.explain':
    'Every failed delivery created between these dates (UTC, both included) is sent again at once, with its same webhook-id and body.',
  'dash.webhooks.replayFailed.confirm': 'Send every failed delivery of these dates again?',
  'dash.webhooks.replayFailed.submit': 'Replay failed deliveries',

  'dash.webhooks.delivery.title': 'Delivery',
  'dash.webhooks.delivery.id': 'Id (webhook-id)',
  'dash.webhooks.delivery.completed': 'Settled',
  'dash.webhooks.delivery.nextAttempt': 'Next attempt',
  'dash.webhooks.delivery.body': 'Body sent',
  'dash.webhooks.replay.submit': 'Replay',
  'dash.webhooks.replay.explain': 'Sends it again at once, with the same webhook-id and body.',

  'dash.webhooks.attempts.heading': 'Attempts',
  'dash.webhooks.attempts.none': 'Not attempted yet.',
  'dash.webhooks.attempts.number': 'Attempt',
  'dash.webhooks.attempts.time': 'Time',
  'dash.webhooks.attempts.httpStatus': 'HTTP status',
  'dash.webhooks.attempts.error': 'Error',
  'dash.webhooks.attempts.response': 'Response (first bytes)',
} as const;

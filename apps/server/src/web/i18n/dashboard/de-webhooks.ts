// The dashboard's webhooks strings in German: endpoints, secrets, the delivery log (spread into de.ts).
import type { enWebhooks } from './en-webhooks.ts';

export const deWebhooks: Readonly<Record<keyof typeof enWebhooks, string>> = {
  'dash.webhooks.title': 'Webhooks',
  'dash.webhooks.back': 'Alle Webhook-Endpunkte',
  'dash.webhooks.surface.poy': 'POY-API',
  'dash.webhooks.surface.connect': 'Connect-API',
  'dash.webhooks.status.pending': 'Ausstehend',
  'dash.webhooks.status.succeeded': 'Zugestellt',
  'dash.webhooks.status.failed': 'Fehlgeschlagen',
  'dash.webhooks.enabled.yes': 'Aktiviert',
  'dash.webhooks.enabled.no': 'Deaktiviert',
  'dash.webhooks.events.all': 'Alle Ereignisse, auch später hinzugefügte Typen',
  'dash.webhooks.latencyMs': '{ms} ms',

  'dash.webhooks.list.intro':
    'Ereignisse dieses Projekts in diesem Modus werden an diese URLs gesendet, signiert mit einem Secret, das nur Sie und POY kennen. Test und Live haben getrennte Endpunkte.',
  'dash.webhooks.list.heading': 'Endpunkte',
  'dash.webhooks.list.caption': 'Webhook-Endpunkte',
  'dash.webhooks.list.empty': 'Noch keine Webhook-Endpunkte in diesem Modus.',
  'dash.webhooks.list.surface': 'API',
  'dash.webhooks.list.url': 'URL',
  'dash.webhooks.list.events': 'Ereignisse',
  'dash.webhooks.list.enabled': 'Zustand',
  'dash.webhooks.list.health': 'Funktionszustand',
  'dash.webhooks.list.links': 'Links',
  'dash.webhooks.list.details': 'Details',
  'dash.webhooks.list.deliveries': 'Zustellungen',

  'dash.webhooks.health.healthy': 'Funktionsfähig',
  'dash.webhooks.health.failing': 'Fehlerhaft',
  'dash.webhooks.health.failingSince': 'alle Versuche fehlgeschlagen seit',
  'dash.webhooks.health.disabled': 'Von einem Mitglied oder über die API deaktiviert',
  'dash.webhooks.health.disabledFailing': 'Nach 5 Tagen fehlgeschlagener Zustellungen deaktiviert',
  'dash.webhooks.health.recent':
    'Letzte 24 Stunden: {succeeded} zugestellt, {failed} fehlgeschlagen, {pending} ausstehend',
  'dash.webhooks.health.noRecent': 'Keine Zustellungen in den letzten 24 Stunden',

  'dash.webhooks.create.heading': 'Endpunkt hinzufügen',
  'dash.webhooks.edit.heading': 'Diesen Endpunkt ändern',
  'dash.webhooks.form.fix': 'Bitte korrigieren Sie Folgendes:',
  'dash.webhooks.form.surface': 'API',
  'dash.webhooks.form.url': 'URL',
  'dash.webhooks.form.urlHint':
    'Eine http- oder https-Adresse Ihres Servers, ohne Benutzernamen oder Passwort.',
  'dash.webhooks.form.events': 'Ereignisse',
  'dash.webhooks.form.eventsHint':
    'POY-API: Lassen Sie alle Kästchen leer, um alle Ereignisse zu erhalten, auch später hinzugefügte Typen. Connect-API: Wählen Sie mindestens eines; jedes gewählte Ereignis wird an diese URL gesendet (anstelle der bisherigen URL).',
  'dash.webhooks.form.poyEventsHint':
    'Lassen Sie alle Kästchen leer, um alle Ereignisse zu erhalten, auch später hinzugefügte Typen.',
  'dash.webhooks.form.poyEvents': 'Ereignisse der POY-API',
  'dash.webhooks.form.connectEvents': 'Ereignisse der Connect-API',
  'dash.webhooks.form.enabled': 'Aktiviert (ein deaktivierter Endpunkt hält seine Zustellungen zurück)',
  'dash.webhooks.form.create': 'Endpunkt hinzufügen',
  'dash.webhooks.form.save': 'Änderungen speichern',

  'dash.webhooks.error.surface': 'Wählen Sie die POY-API oder die Connect-API.',
  'dash.webhooks.error.url':
    'Geben Sie die URL ein, an die Ereignisse gesendet werden (höchstens 2048 Zeichen).',
  'dash.webhooks.error.urlRefused': 'Diese URL kann keine Webhooks empfangen: {reason}.',
  'dash.webhooks.error.eventUnknown': 'Wählen Sie Ereignisse aus der Liste.',
  'dash.webhooks.error.eventsOtherSurface': 'Wählen Sie nur Ereignisse der {surface}.',
  'dash.webhooks.error.connectEvents': 'Wählen Sie mindestens ein Ereignis der Connect-API.',
  'dash.webhooks.error.date': 'Geben Sie ein Datum im Format JJJJ-MM-TT ein.',
  'dash.webhooks.error.dateRequired': 'Geben Sie ein Datum ein.',
  'dash.webhooks.error.dateOrder': 'Das erste Datum darf nicht nach dem letzten liegen.',
  'dash.webhooks.error.endpoint': 'Wählen Sie einen Endpunkt aus der Liste.',
  'dash.webhooks.error.status': 'Wählen Sie einen Status aus der Liste.',
  'dash.webhooks.error.before':
    'Dieser Seitenlink funktioniert nicht mehr: Beginnen Sie erneut bei den neuesten Zustellungen.',

  'dash.webhooks.notice.created': 'Endpunkt hinzugefügt.',
  'dash.webhooks.notice.saved': 'Änderungen gespeichert.',
  'dash.webhooks.notice.deleted': 'Endpunkt samt Zustellprotokoll gelöscht.',
  'dash.webhooks.notice.testSent':
    'Testereignis eingereiht. Es wird wie jedes andere Ereignis signiert und zugestellt; laden Sie die Seite neu, um seine Versuche zu sehen.',
  'dash.webhooks.notice.replayed':
    'Zustellung erneut eingereiht, mit derselben webhook-id und demselben Body. Laden Sie die Seite neu, um den neuen Versuch zu sehen.',
  'dash.webhooks.notice.replayedFailed': 'Fehlgeschlagene Zustellungen erneut eingereiht: {count}.',

  'dash.webhooks.secret.revealHeading': 'Neues Signatur-Secret für {subject}',
  'dash.webhooks.secret.connectSubject': 'die Connect-API-Ziele dieses Projekts',
  'dash.webhooks.secret.revealOnce':
    'Kopieren Sie es jetzt und bewahren Sie es auf Ihrem Server auf: Es wird nur dieses eine Mal angezeigt. Ihr Empfänger prüft damit, dass jedes Ereignis von POY stammt.',
  'dash.webhooks.secret.copy': 'Kopieren',
  'dash.webhooks.secret.copied': 'Kopiert',

  'dash.webhooks.connectSecret.heading': 'Signatur-Secret der Connect-API',
  'dash.webhooks.connectSecret.explain':
    'Alle Connect-API-Ziele dieses Projekts in diesem Modus werden mit diesem einen Secret signiert. Es wird bei der Erstellung und bei der Rotation angezeigt, sonst nie; nach einer Rotation signiert das vorherige Secret noch 24 Stunden lang parallel.',
  'dash.webhooks.connectSecret.none':
    'Es gibt noch keines: Es wird mit dem ersten Connect-API-Ziel erstellt.',
  'dash.webhooks.connectSecret.created': 'Erstellt',
  'dash.webhooks.connectSecret.rotated': 'zuletzt rotiert',
  'dash.webhooks.connectSecret.create': 'Secret erstellen',
  'dash.webhooks.connectSecret.rotate': 'Secret rotieren',
  'dash.webhooks.connectSecret.rotateConfirm':
    'Das Signatur-Secret der Connect-API ersetzen? Das aktuelle signiert noch 24 Stunden lang weiter.',

  'dash.webhooks.endpoint.title': 'Webhook-Endpunkt',
  'dash.webhooks.endpoint.id': 'ID',
  'dash.webhooks.endpoint.created': 'Erstellt',
  'dash.webhooks.endpoint.updated': 'Zuletzt geändert',
  'dash.webhooks.endpoint.previousSecret': 'Vorheriges Secret signiert bis',
  'dash.webhooks.endpoint.recentHeading': 'Letzte Zustellungen',
  'dash.webhooks.endpoint.allDeliveries': 'Alle Zustellungen dieses Endpunkts',
  'dash.webhooks.endpoint.secretHeading': 'Signatur-Secret',
  'dash.webhooks.endpoint.secretExplain':
    'Das Secret wurde einmal angezeigt, als der Endpunkt hinzugefügt wurde. Eine Rotation zeigt einmal ein neues an; das vorherige signiert noch 24 Stunden lang parallel.',
  'dash.webhooks.endpoint.connectSecret': 'Connect-API-Ziele werden mit dem Secret des Projekts signiert:',
  'dash.webhooks.endpoint.rotate': 'Secret rotieren',
  'dash.webhooks.endpoint.rotateConfirm':
    'Das Signatur-Secret dieses Endpunkts ersetzen? Das aktuelle signiert noch 24 Stunden lang weiter.',

  'dash.webhooks.test.heading': 'Testereignis senden',
  'dash.webhooks.test.explainPoy':
    'Sendet ein webhook.test-Ereignis nur an diesen Endpunkt, signiert und wiederholt wie jedes andere Ereignis.',
  'dash.webhooks.test.explainConnect':
    'Sendet ein WEBHOOK_TEST-Ereignis nur an dieses Ziel, signiert und wiederholt wie jedes andere Ereignis.',
  'dash.webhooks.test.send': 'Testereignis senden',

  'dash.webhooks.delete.heading': 'Diesen Endpunkt löschen',
  'dash.webhooks.delete.explain':
    'Es werden keine Ereignisse mehr an ihn gesendet, und sein Zustellprotokoll wird mit ihm gelöscht.',
  'dash.webhooks.delete.confirm': 'Den Endpunkt {url} und sein Zustellprotokoll löschen?',
  'dash.webhooks.delete.submit': 'Endpunkt löschen',

  'dash.webhooks.deliveries.title': 'Zustellungen',
  'dash.webhooks.deliveries.intro':
    'Alle Ereignisse, die in diesem Modus an die Endpunkte dieses Projekts gesendet wurden, die neuesten zuerst, mit jedem Versuch. Datumsangaben in UTC.',
  'dash.webhooks.deliveries.heading': 'Zustellprotokoll',
  'dash.webhooks.deliveries.caption': 'Webhook-Zustellungen',
  'dash.webhooks.deliveries.none': 'Keine passenden Zustellungen.',
  'dash.webhooks.deliveries.created': 'Erstellt',
  'dash.webhooks.deliveries.event': 'Ereignis',
  'dash.webhooks.deliveries.endpoint': 'Endpunkt',
  'dash.webhooks.deliveries.status': 'Status',
  'dash.webhooks.deliveries.attempts': 'Versuche',
  'dash.webhooks.deliveries.lastStatus': 'Letzter HTTP-Status',
  'dash.webhooks.deliveries.latency': 'Latenz',
  'dash.webhooks.deliveries.links': 'Links',
  'dash.webhooks.deliveries.view': 'Details',
  'dash.webhooks.deliveries.older': 'Ältere Zustellungen',
  'dash.webhooks.deliveries.back': 'Das Zustellprotokoll',

  'dash.webhooks.filters.heading': 'Filter',
  'dash.webhooks.filters.allEndpoints': 'Alle Endpunkte',
  'dash.webhooks.filters.allEvents': 'Alle Ereignisse',
  'dash.webhooks.filters.allStatuses': 'Alle Status',
  'dash.webhooks.filters.from': 'Von (UTC-Datum)',
  'dash.webhooks.filters.to': 'Bis (UTC-Datum, einschließlich)',
  'dash.webhooks.filters.apply': 'Filtern',
  'dash.webhooks.filters.clear': 'Filter zurücksetzen',

  'dash.webhooks.replayFailed.heading': 'Fehlgeschlagene Zustellungen erneut senden',
  'dash.webhooks.replayFailed.explain':
    'Jede fehlgeschlagene Zustellung, die zwischen diesen Daten (UTC, beide einschließlich) erstellt wurde, wird sofort erneut gesendet, mit derselben webhook-id und demselben Body.',
  'dash.webhooks.replayFailed.confirm': 'Alle fehlgeschlagenen Zustellungen dieser Tage erneut senden?',
  'dash.webhooks.replayFailed.submit': 'Fehlgeschlagene Zustellungen erneut senden',

  'dash.webhooks.delivery.title': 'Zustellung',
  'dash.webhooks.delivery.id': 'ID (webhook-id)',
  'dash.webhooks.delivery.completed': 'Abgeschlossen',
  'dash.webhooks.delivery.nextAttempt': 'Nächster Versuch',
  'dash.webhooks.delivery.body': 'Gesendeter Body',
  'dash.webhooks.replay.submit': 'Erneut senden',
  'dash.webhooks.replay.explain': 'Sendet sie sofort erneut, mit derselben webhook-id und demselben Body.',

  'dash.webhooks.attempts.heading': 'Versuche',
  'dash.webhooks.attempts.none': 'Noch nicht versucht.',
  'dash.webhooks.attempts.number': 'Versuch',
  'dash.webhooks.attempts.time': 'Zeitpunkt',
  'dash.webhooks.attempts.httpStatus': 'HTTP-Status',
  'dash.webhooks.attempts.error': 'Fehler',
  'dash.webhooks.attempts.response': 'Antwort (erste Bytes)',
};

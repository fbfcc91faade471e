// The dashboard's team and audit log strings in German (spread into de.ts).
import type { enTeam } from './en-team.ts';

export const deTeam: Readonly<Record<keyof typeof enTeam, string>> = {
  'dash.team.title': 'Team',
  'dash.team.members.heading': 'Mitglieder',
  'dash.team.members.caption': 'Mitglieder von {account}',
  'dash.team.column.name': 'Name',
  'dash.team.column.role': 'Rolle',
  'dash.team.column.joined': 'Beigetreten (UTC)',
  'dash.team.column.actions': 'Entfernen',
  'dash.team.column.invited': 'Eingeladen (UTC)',
  'dash.team.column.expires': 'Link gültig bis (UTC)',
  'dash.team.you': 'Sie',
  'dash.team.roleOf': 'Rolle von {name}',
  'dash.team.changeRole': 'Rolle ändern',
  'dash.team.forMember': 'von {name}',
  'dash.team.remove': 'Entfernen',
  'dash.team.confirmRemove': '{name} aus diesem Konto entfernen? Die Sitzungen dieser Person enden sofort.',
  'dash.team.confirmRemoveSelf':
    'Sich selbst ({name}) aus diesem Konto entfernen? Sie werden abgemeldet und können ohne neue Einladung nicht zurückkehren.',
  'dash.team.lastOwnerHint':
    'Dieses Konto hat einen Inhaber. Machen Sie ein anderes Mitglied zum Inhaber, bevor dieser Inhaber seine Rolle ändern oder das Konto verlassen kann.',
  'dash.team.invite.heading': 'Jemanden einladen',
  'dash.team.invite.cli':
    'In einer Shell auf dem Server lautet dieselbe Einladung {command} (mit der eingebetteten Datenbank, bei gestopptem Server).',
  'dash.team.invite.intro':
    'Eine Einladung ist ein Link, der einmal funktioniert, 7 Tage lang. Wer ihn öffnet, tritt mit der von Ihnen gewählten Rolle bei und registriert einen Passkey. Senden Sie ihn der Person selbst.',
  'dash.team.invite.name': 'Name der Person (optional)',
  'dash.team.invite.nameHint': 'Die Person kann ihn beim Öffnen des Links ändern.',
  'dash.team.invite.role': 'Rolle',
  'dash.team.invite.submit': 'Einladungslink erstellen',
  'dash.team.invites.heading': 'Offene Einladungen',
  'dash.team.invites.caption': 'Noch nicht verwendete Einladungslinks',
  'dash.team.invites.empty': 'Kein Einladungslink wartet auf seine Verwendung.',
  'dash.team.invites.noName': 'Kein Name angegeben',
  'dash.team.newInvite.title': 'Der Einladungslink, nur dieses eine Mal angezeigt:',
  'dash.team.newInvite.copy': 'Link kopieren',
  'dash.team.newInvite.copied': 'Kopiert',
  'dash.team.newInvite.body':
    'Er funktioniert einmal, bis {time}. Kopieren Sie ihn jetzt: Er wird nicht erneut angezeigt und ist nirgends so gespeichert, dass wir ihn wieder auslesen könnten.',
  'dash.team.notice.roleChanged': 'Die Rolle wurde geändert.',
  'dash.team.notice.removed': 'Das Mitglied wurde entfernt; seine Sitzungen sind beendet.',
  'dash.team.error.role': 'Wählen Sie eine Rolle aus der Liste. Es wurde nichts geändert.',
  'dash.team.error.name': 'Ein Name hat höchstens 100 Zeichen. Es wurde nichts geändert.',
  'dash.team.error.lastOwner':
    'Das Konto muss mindestens einen Inhaber behalten. Machen Sie zuerst ein anderes Mitglied zum Inhaber. Es wurde nichts geändert.',
  'dash.team.roles.heading': 'Was jede Rolle darf',
  'dash.team.roleDescription.owner':
    'Alles, einschließlich Inhaber und Administratoren zu ernennen und zu entfernen.',
  'dash.team.roleDescription.admin':
    'Alles außer Inhaber zu ändern: Projekte und Einstellungen, Schlüssel, Webhooks, Verifizierungen und Prüfungen, Mitglieder und das Audit-Log.',
  'dash.team.roleDescription.developer':
    'API-Schlüssel erstellen und widerrufen, Webhooks verwalten und Zustellungen erneut senden sowie alles andere einsehen.',
  'dash.team.roleDescription.viewer':
    'Projekte, Schlüssel (deren Präfixe), Webhooks, Verifizierungen und Nutzung einsehen; nichts ändern.',
  'dash.audit.title': 'Audit-Log',
  'dash.audit.intro':
    'Jede Änderung an diesem Konto, die im Dashboard, über die API oder mit dem Befehl poy vorgenommen wurde: wer sie vorgenommen hat, was es war, wann und von wo. Secrets werden nie erfasst.',
  'dash.audit.filter.heading': 'Log filtern',
  'dash.audit.filter.actor': 'Vorgenommen von',
  'dash.audit.filter.anyone': 'Beliebige Person',
  'dash.audit.filter.action': 'Aktion',
  'dash.audit.filter.actionHint':
    'Der Anfang eines Aktionsnamens, zum Beispiel api_key. für jede Schlüsseländerung oder webhook_endpoint.created.',
  'dash.audit.filter.project': 'Projekt',
  'dash.audit.filter.anyProject': 'Beliebiges Projekt sowie das Konto selbst',
  'dash.audit.filter.from': 'Von (UTC-Tag)',
  'dash.audit.filter.to': 'Bis (UTC-Tag, einschließlich)',
  'dash.audit.filter.apply': 'Anzeigen',
  'dash.audit.filter.clear': 'Filter zurücksetzen',
  'dash.audit.actor.member': 'Mitglied',
  'dash.audit.actor.apiKey': 'API-Schlüssel',
  'dash.audit.actor.cli': 'Befehlszeile',
  'dash.audit.actor.system': 'Der Dienst',
  'dash.audit.caption': 'Änderungen, die neuesten zuerst',
  'dash.audit.column.when': 'Wann (UTC)',
  'dash.audit.column.who': 'Wer',
  'dash.audit.column.what': 'Was',
  'dash.audit.column.target': 'Geändert',
  'dash.audit.column.project': 'Projekt',
  'dash.audit.column.from': 'Von Adresse',
  'dash.audit.account': 'Das Konto',
  'dash.audit.noAddress': '—',
  'dash.audit.empty': 'Keine Änderung entspricht diesen Filtern.',
  'dash.audit.pages': 'Seiten des Logs',
  'dash.audit.newest': 'Neueste Änderungen',
  'dash.audit.older': 'Ältere Änderungen',
  'dash.audit.invalid': 'Diese Filter konnten nicht verwendet werden, daher wird nichts aufgeführt:',
  'dash.audit.error.actor': 'Wählen Sie aus der Liste, wer die Änderung vorgenommen hat.',
  'dash.audit.error.action':
    'Eine Aktion besteht aus Kleinbuchstaben, Punkten und Unterstrichen, höchstens 64 Zeichen.',
  'dash.audit.error.project': 'Wählen Sie ein Projekt dieses Kontos aus der Liste.',
  'dash.audit.error.day': 'Geben Sie einen Tag im Format JJJJ-MM-TT an.',
  'dash.audit.error.range': 'Der letzte Tag liegt vor dem ersten.',
  'dash.audit.error.before':
    'Dieser Seitenlink ist ungültig. Beginnen Sie erneut bei den neuesten Änderungen.',
};

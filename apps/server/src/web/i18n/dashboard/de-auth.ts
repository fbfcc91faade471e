// The dashboard's auth strings in German: sign-in, one-time links, sessions, refusals (spread into de.ts).
import type { enAuth } from './en-auth.ts';

export const deAuth: Readonly<Record<keyof typeof enAuth, string>> = {
  'dash.auth.refusal.badRequest.title': 'Diese Anfrage konnte nicht verwendet werden',
  'dash.auth.refusal.badRequest.body':
    'Etwas darin fehlte oder war ungültig. Gehen Sie zurück und versuchen Sie es erneut.',
  'dash.auth.refusal.signedOut.title': 'Sie sind abgemeldet',
  'dash.auth.refusal.signedOut.body':
    'Ihre Sitzung ist beendet (sie läuft nach 30 Minuten ohne Nutzung und nach 12 Stunden ab). Melden Sie sich erneut an.',
  'dash.auth.refusal.forbidden.title': 'Nicht erlaubt',
  'dash.auth.refusal.forbidden.body':
    'Ihre Rolle in diesem Konto erlaubt dies nicht. Wenden Sie sich an einen Inhaber oder Administrator.',
  'dash.auth.refusal.forgery.title': 'Anfrage abgelehnt',
  'dash.auth.refusal.forgery.body':
    'Diese Anfrage stammt nicht von einer Dashboard-Seite, die wir Ihnen gesendet haben, daher wurde nichts geändert. Laden Sie die Seite neu und versuchen Sie es erneut.',
  'dash.auth.refusal.notFound.title': 'Nicht gefunden',
  'dash.auth.refusal.notFound.body': 'Hier ist nichts, oder es gehört zu einem anderen Konto.',
  'dash.auth.refusal.tooMany.title': 'Zu viele Versuche',
  'dash.auth.refusal.tooMany.body': 'Warten Sie einige Minuten und versuchen Sie es dann erneut.',
  'dash.auth.refusal.internal.title': 'Etwas ist schiefgelaufen',
  'dash.auth.refusal.internal.body': 'Das Problem wurde protokolliert. Versuchen Sie es gleich noch einmal.',

  'dash.auth.noscript':
    'Passkeys benötigen JavaScript. Aktivieren Sie es oder öffnen Sie diese Seite in einem anderen Browser.',
  'dash.auth.login.title': 'Beim Dashboard anmelden',
  'dash.auth.login.intro':
    'Verwenden Sie den Passkey, den Sie beim Öffnen Ihres Anmelde- oder Einladungslinks erstellt haben. Kein Passwort, kein Benutzername.',
  'dash.auth.login.button': 'Mit einem Passkey anmelden',
  'dash.auth.login.noPasskey':
    'Noch kein Passkey? Bitten Sie einen Inhaber oder Administrator Ihres Kontos um einen Einladungslink. Verwenden Sie auf einem neuen Server den Anmeldelink, den er beim ersten Start ausgegeben hat.',
  'dash.auth.login.signedOut': 'Sie sind abgemeldet.',

  'dash.auth.link.title': '{accountName} beitreten',
  'dash.auth.link.firstOwnerIntro':
    'Sie sind der erste Inhaber von {accountName}. Geben Sie Ihren Namen ein und erstellen Sie einen Passkey: Damit melden Sie sich ab jetzt an.',
  'dash.auth.link.inviteIntro':
    'Sie sind zu {accountName} als {role} eingeladen. Geben Sie Ihren Namen ein und erstellen Sie einen Passkey: Damit melden Sie sich ab jetzt an.',
  'dash.auth.link.expiresAt': 'Dieser Link funktioniert einmal, bis {time}.',
  'dash.auth.link.nameLabel': 'Ihr Name',
  'dash.auth.link.nameHint': 'Ihr Team sieht ihn, und das Audit-Log vermerkt ihn neben allem, was Sie tun.',
  'dash.auth.link.button': 'Passkey erstellen und anmelden',
  'dash.auth.link.unknown.title': 'Dieser Link funktioniert nicht',
  'dash.auth.link.unknown.body':
    'Möglicherweise ist er falsch eingegeben. Bitten Sie die Person, die ihn gesendet hat, um einen neuen.',
  'dash.auth.link.used.title': 'Dieser Link wurde bereits verwendet',
  'dash.auth.link.used.body':
    'Ein Link funktioniert nur einmal. Wenn Sie damit einen Passkey erstellt haben, melden Sie sich mit diesem Passkey an; andernfalls bitten Sie um eine neue Einladung.',
  'dash.auth.link.expired.title': 'Dieser Link ist abgelaufen',
  'dash.auth.link.expired.body':
    'Bitten Sie einen Inhaber oder Administrator des Kontos um eine neue Einladung.',

  'dash.auth.ceremony.challengeInvalid':
    'Die Passkey-Abfrage hat zu lange gedauert oder wurde bereits beantwortet. Versuchen Sie es erneut.',
  'dash.auth.ceremony.passkeyInvalid': 'Der Passkey konnte nicht geprüft werden. Versuchen Sie es erneut.',
  'dash.auth.ceremony.passkeyUnknown':
    'Dieser Passkey ist für dieses Dashboard nicht registriert. Verwenden Sie den Passkey, den Sie mit Ihrem Link erstellt haben, oder bitten Sie um eine Einladung.',
  'dash.auth.ceremony.credentialExists':
    'Dieser Passkey ist hier bereits registriert. Melden Sie sich stattdessen damit an.',
  'dash.auth.ceremony.memberRemoved': 'Sie sind kein Mitglied dieses Kontos mehr.',

  'dash.auth.client.waiting': 'Warten auf Ihren Passkey…',
  'dash.auth.client.signedIn': 'Angemeldet. Das Dashboard wird geöffnet…',
  'dash.auth.client.cancelled':
    'Die Passkey-Abfrage wurde geschlossen. Versuchen Sie es erneut, wenn Sie bereit sind.',
  'dash.auth.client.alreadyRegistered':
    'Dieses Gerät hat bereits einen Passkey für dieses Dashboard. Melden Sie sich stattdessen damit an.',
  'dash.auth.client.unsupported':
    'Dieser Browser kann keine Passkeys verwenden. Verwenden Sie eine aktuelle Version von Chrome, Edge, Firefox oder Safari.',
  'dash.auth.client.nameRequired': 'Geben Sie Ihren Namen ein.',
  'dash.auth.client.network':
    'Der Server war nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'dash.auth.client.failed': 'Das hat nicht funktioniert. Versuchen Sie es erneut.',

  'dash.auth.security.title': 'Sitzungen',
  'dash.auth.security.intro':
    'Wo Sie angemeldet sind. Eine Sitzung endet nach 30 Minuten ohne Nutzung und 12 Stunden nach der Anmeldung.',
  'dash.auth.security.caption': 'Ihre Sitzungen',
  'dash.auth.security.col.browser': 'Browser',
  'dash.auth.security.col.started': 'Angemeldet',
  'dash.auth.security.col.lastSeen': 'Zuletzt verwendet',
  'dash.auth.security.thisSession': 'Diese Sitzung',
  'dash.auth.security.unknownBrowser': 'Unbekannter Browser',
  'dash.auth.security.signOutHeading': 'Abmelden',
  'dash.auth.security.signOut': 'Von dieser Sitzung abmelden',
  'dash.auth.security.signOutEverywhere': 'Überall abmelden',
  'dash.auth.security.signOutEverywhereHint':
    'Beendet alle Ihre Sitzungen auf allen Geräten, auch diese. Verwenden Sie dies, wenn Sie ein Gerät verloren oder sich an einem gemeinsam genutzten Computer angemeldet haben.',
  'dash.auth.security.confirmEverywhere': 'Von allen Sitzungen auf allen Geräten abmelden?',
};

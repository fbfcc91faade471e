// The dashboard's projects strings in German: project list, settings and API keys (spread into de.ts).
import type { enProjects } from './en-projects.ts';

export const deProjects: Readonly<Record<keyof typeof enProjects, string>> = {
  'dash.projects.title': 'Projekte',
  'dash.projects.intro':
    'Jedes Projekt hat eigene API-Schlüssel, Webhooks, Verifizierungen und Einstellungen.',
  'dash.projects.table.caption': 'Projekte dieses Kontos',
  'dash.projects.table.name': 'Name',
  'dash.projects.table.plan': 'Tarif',
  'dash.projects.table.created': 'Erstellt',
  'dash.projects.table.settings': 'Einstellungen',
  'dash.projects.table.settingsLink': 'Einstellungen von {name}',
  'dash.projects.empty': 'Noch keine Projekte.',
  'dash.projects.create.heading': 'Projekt erstellen',
  'dash.projects.create.name': 'Name',
  'dash.projects.create.nameHint':
    'Wird im Dashboard angezeigt und, sofern Sie keinen Markennamen festlegen, auf den gehosteten Seiten.',
  'dash.projects.create.submit': 'Projekt erstellen',
  'dash.projects.create.after':
    'Sie landen bei den Testschlüsseln des Projekts, bereit zum Ausprobieren der API.',
  'dash.projects.error.summary': 'Es wurde nichts gespeichert. Korrigieren Sie die unten markierten Felder.',
  'dash.projects.error.name': 'Geben Sie einen Namen mit 1 bis 200 Zeichen ein.',
  'dash.projects.error.plan': 'Wählen Sie einen der Tarife.',
  'dash.projects.plan.free': 'Free',
  'dash.projects.plan.pro': 'Pro',
  'dash.projects.plan.enterprise': 'Enterprise',

  'dash.projects.settings.title': 'Einstellungen',
  'dash.projects.settings.intro':
    'Diese Einstellungen gelten für das Projekt in beiden Modi. Änderungen gelten ab der nächsten Anfrage, in jedem Prozess.',
  'dash.projects.settings.readOnly': 'Nur Inhaber und Administratoren können diese Einstellungen ändern.',
  'dash.projects.settings.saved': 'Einstellungen gespeichert.',
  'dash.projects.settings.unchanged': 'Es wurde nichts geändert.',
  'dash.projects.settings.submit': 'Einstellungen speichern',
  'dash.projects.settings.group.project': 'Projekt',
  'dash.projects.settings.group.policy': 'Verifizierungsrichtlinie',
  'dash.projects.settings.group.velocity': 'Häufigkeitslimits',
  'dash.projects.settings.group.invites': 'Einladungen und Weiterleitungen',
  'dash.projects.settings.group.webauthn': 'Passkeys (WebAuthn Relying Party)',
  'dash.projects.settings.group.branding': 'Gehostete Seiten',
  'dash.projects.settings.name': 'Projektname',
  'dash.projects.settings.plan': 'Tarif',
  'dash.projects.settings.trustThreshold': 'Vertrauensschwelle',
  'dash.projects.settings.trustThresholdHint':
    'Der Vertrauenswert von 0 bis 100, den eine Verifizierung zum Bestehen benötigt.',
  'dash.projects.settings.trustThresholdError': 'Geben Sie eine ganze Zahl von 0 bis 100 ein.',
  'dash.projects.settings.requiredAssurance': 'Erforderliche Vertrauensstufe',
  'dash.projects.settings.requiredAssuranceHint':
    'Passkey: ein neuer Passkey. Lebenderkennung: zusätzlich die Kameraprüfung. Eindeutig: zusätzlich keine andere Identität mit demselben Gesicht.',
  'dash.projects.settings.requiredAssuranceError': 'Wählen Sie eine der Stufen.',
  'dash.projects.settings.assurance.default': 'Standard (eindeutig)',
  'dash.projects.settings.assurance.passkey': 'Passkey',
  'dash.projects.settings.assurance.liveness': 'Lebenderkennung',
  'dash.projects.settings.assurance.unique': 'Eindeutig',
  'dash.projects.settings.attestationRequired': 'Attestierung des Authenticators verlangen',
  'dash.projects.settings.attestationRequiredHint':
    'Es werden nur Passkeys akzeptiert, die von den unten aufgeführten Authenticator-Modellen erstellt wurden.',
  'dash.projects.settings.aaguidAllowList': 'Zulässige Authenticator-Modelle (AAGUIDs)',
  'dash.projects.settings.aaguidAllowListHint': 'Eines pro Zeile, etwa fa2b99dc-9e39-4257-8f92-4a30d23c4118.',
  'dash.projects.settings.aaguidAllowListError':
    'Geben Sie jedes Modell als 8-4-4-4-12 Hexadezimalziffern an (nicht das aus lauter Nullen), höchstens 100. Wenn eine Attestierung verlangt wird, geben Sie mindestens eines an.',
  'dash.projects.settings.velocity.newHumansPerIpPerHour': 'Neue Personen pro IP-Adresse und Stunde',
  'dash.projects.settings.velocity.newHumansPerPrefixPerHour': 'Neue Personen pro Netzwerkpräfix und Stunde',
  'dash.projects.settings.velocity.newHumansPerDevicePerDay': 'Neue Personen pro Gerät und Tag',
  'dash.projects.settings.velocity.startsPerIpPerHour':
    'Gestartete Verifizierungen pro IP-Adresse und Stunde',
  'dash.projects.settings.velocity.startsPerDevicePerHour': 'Gestartete Verifizierungen pro Gerät und Stunde',
  'dash.projects.settings.velocity.limitError': 'Geben Sie eine ganze Zahl von 1 bis 10000 ein.',
  'dash.projects.settings.velocity.action': 'Wenn ein Limit überschritten wird',
  'dash.projects.settings.velocity.actionError': 'Wählen Sie eine der beiden Optionen.',
  'dash.projects.settings.velocity.review': 'Verifizierung zur Prüfung zurückhalten',
  'dash.projects.settings.velocity.fail': 'Verifizierung scheitern lassen',
  'dash.projects.settings.inviteTtlSeconds': 'Gültigkeit der Einladung in Sekunden',
  'dash.projects.settings.inviteTtlSecondsHint':
    'Von 300 (5 Minuten) bis 2592000 (30 Tage). Leer: der Standardwert der Installation, {seconds} Sekunden.',
  'dash.projects.settings.inviteTtlSecondsError':
    'Geben Sie eine ganze Zahl von 300 bis 2592000 ein oder lassen Sie das Feld leer.',
  'dash.projects.settings.redirectOrigins': 'Zulässige Weiterleitungs-Origins',
  'dash.projects.settings.redirectOriginsHint':
    'Einer pro Zeile: nur Schema, Host und Port, etwa https://shop.example (https, außer der Host ist localhost). Leer: Jede Weiterleitungsadresse wird akzeptiert.',
  'dash.projects.settings.originsError':
    'Geben Sie jeden Origin nur mit Schema, Host und Port an, etwa https://shop.example (https, außer der Host ist localhost), höchstens 50.',
  'dash.projects.settings.webauthnRpId': 'Relying-Party-ID',
  'dash.projects.settings.webauthnRpIdHint':
    'Die Domain, zu der die Passkeys Ihrer Nutzer gehören, etwa shop.example. Leer: die dieser POY-Installation.',
  'dash.projects.settings.webauthnRpIdError':
    'Geben Sie eine Domain wie shop.example ein, auf der jeder Passkey-Origin liegt (sie selbst oder eine Subdomain), oder lassen Sie das Feld leer.',
  'dash.projects.settings.webauthnRpName': 'Relying-Party-Name',
  'dash.projects.settings.webauthnRpNameHint':
    'Wird in der Passkey-Abfrage angezeigt. Leer: der Projektname.',
  'dash.projects.settings.webauthnOrigins': 'Passkey-Origins',
  'dash.projects.settings.webauthnOriginsHint':
    'Einer pro Zeile: Ihre Websites, die für dieses Projekt Passkey-Zeremonien durchführen. Leer: der eigene Origin dieser POY-Installation.',
  'dash.projects.settings.brandName': 'Name auf den gehosteten Seiten',
  'dash.projects.settings.brandNameHint': 'Leer: der Projektname.',
  'dash.projects.settings.brandColor': 'Akzentfarbe',
  'dash.projects.settings.brandColorHint':
    'Eine hexadezimale Farbe wie #0a7d4f. Leer: die eigenen Farben von POY.',
  'dash.projects.settings.brandColorError':
    'Geben Sie # und sechs Hexadezimalziffern ein, etwa #0a7d4f, oder lassen Sie das Feld leer.',
  'dash.projects.settings.brandLogoUrl': 'Logo-Adresse',
  'dash.projects.settings.brandLogoUrlHint':
    'Eine https-Adresse Ihres Logos, angezeigt mit höchstens 48 Pixeln Höhe. Die Browser der Personen laden es von dort. Leer: kein Logo.',
  'dash.projects.settings.brandLogoUrlError':
    'Geben Sie eine https-Adresse ohne Benutzernamen oder Passwort ein oder lassen Sie das Feld leer.',
  'dash.projects.settings.textTooLong': 'Höchstens 100 Zeichen.',

  'dash.projects.keys.title': 'API-Schlüssel',
  'dash.projects.keys.intro.test':
    'Nur Testschlüssel: Diese sehen nur Testdaten und betreffen nie echte Personen. Live-Schlüssel werden im Live-Modus aufgeführt.',
  'dash.projects.keys.intro.live': 'Nur Live-Schlüssel. Testschlüssel werden im Testmodus aufgeführt.',
  'dash.projects.keys.table.caption': 'API-Schlüssel in diesem Modus',
  'dash.projects.keys.table.name': 'Name',
  'dash.projects.keys.table.prefix': 'Schlüssel',
  'dash.projects.keys.table.mode': 'Modus',
  'dash.projects.keys.table.creator': 'Erstellt von',
  'dash.projects.keys.table.created': 'Erstellt',
  'dash.projects.keys.table.lastUsed': 'Zuletzt verwendet',
  'dash.projects.keys.table.status': 'Status',
  'dash.projects.keys.table.actions': 'Aktionen',
  'dash.projects.keys.neverUsed': 'Nie',
  'dash.projects.keys.status.active': 'Aktiv',
  'dash.projects.keys.status.revoked': 'Widerrufen am {time}',
  'dash.projects.keys.creator.cli': 'Befehlszeile',
  'dash.projects.keys.creator.api': 'API',
  'dash.projects.keys.creator.unknown': 'Nicht erfasst',
  'dash.projects.keys.empty': 'Noch keine Schlüssel in diesem Modus.',
  'dash.projects.keys.create.heading': 'Schlüssel erstellen',
  'dash.projects.keys.create.name': 'Name',
  'dash.projects.keys.create.nameHint': 'Damit Sie ihn wiedererkennen, etwa der Server, der ihn verwendet.',
  'dash.projects.keys.create.nameError': 'Geben Sie einen Namen mit 1 bis 100 Zeichen ein.',
  'dash.projects.keys.create.submit': 'Schlüssel erstellen',
  'dash.projects.keys.reveal.heading': 'Ihr neuer Schlüssel „{name}“',
  'dash.projects.keys.reveal.once':
    'Nur jetzt wird der vollständige Schlüssel angezeigt. Kopieren Sie ihn jetzt und bewahren Sie ihn sicher auf; wenn Sie ihn verlieren, widerrufen Sie ihn und erstellen Sie einen neuen.',
  'dash.projects.keys.reveal.copy': 'Schlüssel kopieren',
  'dash.projects.keys.reveal.copied': 'Kopiert',
  'dash.projects.keys.revoke.submit': 'Widerrufen',
  'dash.projects.keys.revoke.submitLabel': 'Schlüssel „{name}“ widerrufen',
  'dash.projects.keys.revoke.confirm':
    'Schlüssel „{name}“ widerrufen? Anfragen, die ihn verwenden, werden sofort abgelehnt.',
  'dash.projects.keys.revoked': 'Der Schlüssel „{name}“ wurde widerrufen. Die API lehnt ihn ab sofort ab.',
};

// Every string a person sees on the hosted pages, in German (formal register: Sie), and the
// dashboard's from dashboard/de.ts. Same keys and `{placeholders}` as en.ts (i18n/catalogs.test.ts
// checks both); the brand is not translated.
import { deDashboard } from './dashboard/de.ts';
import type { Messages } from './translate.ts';

export const de: Messages = {
  'common.brand': 'Proof of You',
  'common.sandboxBanner': 'Sandbox – Testmodus. Nichts hier betrifft echte Menschen.',
  'common.noscript':
    'Diese Seite braucht JavaScript. Schalten Sie es ein oder öffnen Sie den Link in einem anderen Browser.',
  'common.expiresAt': 'Dieser Link funktioniert bis {time}.',
  'common.continueTo': 'Weiter zu {projectName}',
  'common.tryAgain': 'Erneut versuchen',
  'common.redirecting': 'Sie werden zu {projectName} zurückgeleitet…',
  'common.language': 'Sprache',

  'status.PENDING': 'Warten, bis Sie auf Ihrem Telefon fertig sind…',
  'status.VERIFIED.title': 'Verifizierung abgeschlossen',
  'status.VERIFIED.body': 'Sie können diesen Tab schließen.',
  'status.IN_REVIEW.title': 'Ihre Verifizierung wird geprüft',
  'status.IN_REVIEW.body': 'Hier ist nichts mehr zu tun. {projectName} teilt Ihnen das Ergebnis mit.',
  'status.UNFULFILLABLE.title': 'Die Verifizierung konnte nicht abgeschlossen werden',
  'status.UNFULFILLABLE.body': 'Kehren Sie zu {projectName} zurück, um zu sehen, wie es weitergeht.',
  'status.EXPIRED.title': 'Dieser Link ist abgelaufen',
  'status.EXPIRED.body': 'Bitten Sie {projectName} um einen neuen Link.',
  'status.REVOKED.title': 'Dieser Link ist nicht mehr gültig',
  'status.REVOKED.body':
    '{projectName} hat diese Verifizierung abgebrochen. Bitten Sie {projectName} um einen neuen Link, falls Sie ihn noch benötigen.',

  'profile.title': 'PoY-Profil {poyId}',
  'profile.verified': 'Verifizierter Mensch',
  'profile.unverified': 'Noch nicht verifiziert',
  'profile.trustScore': 'Vertrauenswert: {score} von 100',
  'profile.since': 'Verifiziert seit {date}',
  'profile.explainer':
    'Eine PoY-Identität gehört genau einem echten Menschen, der das mit einem Passkey und einer kurzen Prüfung nachgewiesen hat. Sonst ist nichts über diese Person öffentlich.',
  'profile.badgeHeading': 'Abzeichen',
  'profile.badgeAlt': 'PoY-Abzeichen für {poyId}',
  'profile.badgeVerified': 'verifizierter Mensch',
  'profile.badgeUnverified': 'nicht verifiziert',

  'desktop.title': 'Auf dem Telefon fortfahren',
  'desktop.heading': 'Fahren Sie auf Ihrem Telefon fort',
  'desktop.intro':
    '{projectName} bittet Sie zu bestätigen, dass Sie ein echter Mensch sind. Das dauert etwa eine Minute.',
  'desktop.scanHint': 'Scannen Sie diesen Code mit der Kamera Ihres Telefons.',
  'desktop.qrLabel': 'QR-Code, der diese Verifizierung auf Ihrem Telefon öffnet',
  'desktop.orType': 'Oder öffnen Sie {joinUrl} auf Ihrem Telefon und geben Sie diesen Code ein:',
  'desktop.shortCodeSpelled': 'Code: {spelled}',
  'desktop.openHere': 'Stattdessen auf diesem Gerät öffnen',
  'desktop.progressHeading': 'Fortschritt',

  'landing.title': 'Willkommen',
  'landing.heading': 'Proof of You auf diesem Server',
  'landing.intro':
    'Dieser Server prüft für die Apps, die ihn nutzen, dass ein Mensch echt und einzigartig ist. Menschen gelangen über einen Link oder einen Code aus einer dieser Apps hierher.',
  'landing.linksHeading': 'Für Entwickler und Betreiber',
  'landing.docs': 'API-Referenz',
  'landing.docsHint':
    'Beide APIs mit jeder Anfrage, Antwort und jedem Fehler – und der Möglichkeit, sie auszuprobieren.',
  'landing.dashboard': 'Dashboard',
  'landing.dashboardHint':
    'Melden Sie sich mit einem Passkey an, um Projekte, API-Schlüssel, Webhooks und Verifizierungen zu verwalten.',
  'landing.health': 'Zustand',
  'landing.healthHint': 'Antwortet, solange der Server läuft (/healthz).',
  'landing.readiness': 'Bereitschaft',
  'landing.readinessHint':
    'Antwortet, wenn der Server seine Datenbank erreicht und Arbeit annehmen kann (/readyz).',
  'landing.join': 'Haben Sie einen Code von einem anderen Bildschirm? Geben Sie ihn hier ein',

  'join.title': 'Code eingeben',
  'join.heading': 'Geben Sie den Code von Ihrem Bildschirm ein',
  'join.intro': 'Geben Sie den Code ein, der auf Ihrem anderen Gerät angezeigt wird.',
  'join.label': 'Code',
  'join.hint': 'Buchstaben und Ziffern, etwa ABCD-2345. Bindestriche und Leerzeichen sind optional.',
  'join.submit': 'Weiter',
  'join.errorInvalid': 'Das sieht nicht wie ein Code aus. Prüfen Sie ihn und versuchen Sie es erneut.',
  'join.errorUnknown':
    'Wir konnten diesen Code nicht finden. Vielleicht ist er abgelaufen: Prüfen Sie den Code auf Ihrem anderen Bildschirm oder fordern Sie einen neuen Link an.',

  'inUse.title': 'Link wird auf einem anderen Gerät verwendet',
  'inUse.heading': 'Dieser Link wird auf einem anderen Gerät verwendet',
  'inUse.body':
    'Die Prüfung für {projectName} wurde auf einem anderen Telefon oder in einem anderen Browser begonnen und kann nur dort abgeschlossen werden.',
  'inUse.finish':
    'Wenn Sie das waren, schließen Sie die Prüfung auf dem Gerät ab, auf dem Sie begonnen haben.',
  'inUse.newLink':
    'Wenn Sie das nicht waren oder das Gerät nicht mehr haben, bitten Sie {projectName} um einen neuen Link.',

  'notFound.title': 'Link nicht gefunden',
  'notFound.heading': 'Dieser Link funktioniert nicht',
  'notFound.body':
    'Vielleicht ist er falsch eingegeben oder wurde durch einen neueren ersetzt. Bitten Sie die Website, die Ihnen den Link geschickt hat, um einen neuen.',
  'notFound.join': 'Haben Sie einen Code von einem anderen Bildschirm? Geben Sie ihn hier ein',

  'phone.title': 'Bestätigen Sie, dass Sie ein Mensch sind',
  'phone.intro.heading': '{projectName} bittet Sie zu bestätigen, dass Sie ein echter Mensch sind',
  'phone.intro.checkedHeading': 'Was wir prüfen',
  'phone.intro.checkedPasskey':
    'Einen Passkey auf diesem Telefon, entsperrt mit Ihrem Fingerabdruck, Ihrem Gesicht oder der Bildschirmsperre.',
  'phone.intro.checkedCamera':
    'Eine kurze Kameraprüfung: Sie schauen in die Kamera und drehen dann den Kopf ein paar Mal, wie Pfeile es zeigen.',
  'phone.intro.storedHeading': 'Was wir speichern',
  'phone.intro.storedPasskey':
    'Den öffentlichen Schlüssel Ihres Passkeys, mit dem sich allein nichts entsperren lässt.',
  'phone.intro.storedScore': 'Einen Menschlichkeitswert.',
  'phone.intro.storedFace':
    'Eine Gesichtsvorlage: Zahlen, kein Bild, verschlüsselt, damit wir Sie wiedererkennen, wenn Sie sich erneut verifizieren.',
  'phone.intro.storedNever':
    'Niemals Fotos oder Videos: Die Kamerabilder werden im Arbeitsspeicher geprüft und verworfen. Der Fingerabdruck oder das Gesicht, mit dem Sie Ihren Passkey entsperren, verlässt Ihr Telefon nie.',
  'phone.intro.sharedHeading': 'Was {projectName} erhält',
  'phone.intro.sharedScore':
    'Ihren Menschlichkeitswert und eine ID, die nur bei {projectName} für Sie eindeutig ist.',
  'phone.intro.sharedPhone': 'Ob Ihre Telefonnummer verifiziert ist.',
  'phone.intro.continue': 'Weiter',

  'phone.passkey.heading': 'Einen Passkey verwenden',
  'phone.passkey.body':
    'Ihr Telefon fragt nach Ihrem Fingerabdruck, Ihrem Gesicht oder der Bildschirmsperre.',
  'phone.passkey.create': 'Meine PoY-Identität erstellen',
  'phone.passkey.createHint': 'Zum ersten Mal: erstellt einen neuen Passkey auf diesem Telefon.',
  'phone.passkey.existing': 'Ich habe bereits einen PoY-Passkey',
  'phone.passkey.existingHint': 'Schon einmal verifiziert: Verwenden Sie den Passkey von damals.',
  'phone.passkey.waiting': 'Warten auf Ihren Passkey…',
  'phone.passkey.done': 'Passkey bestätigt. Ihre PoY-ID ist {poyId}.',

  'phone.consent.heading': 'Kameraprüfung',
  'phone.consent.body':
    'Sie schauen in die Kamera und drehen dann den Kopf ein paar Mal, wie Pfeile es zeigen. Das dauert etwa eine halbe Minute.',
  'phone.consent.privacyHeading': 'Was mit den Bildern geschieht',
  'phone.consent.privacyMemory':
    'Einige Standbilder werden an unseren Server gesendet und im Arbeitsspeicher geprüft. Sie werden sofort verworfen: nie auf Festplatte, in Protokolle oder in eine Datenbank geschrieben.',
  'phone.consent.privacyTemplate':
    'Gespeichert wird nur eine Gesichtsvorlage: Zahlen, kein Bild, verschlüsselt. Damit erkennen wir dieselbe Person wieder, wenn sie sich erneut verifiziert.',
  'phone.consent.privacyErase':
    'Wenn Sie Ihre PoY-Identität löschen, wird auch die Gesichtsvorlage gelöscht.',
  'phone.consent.start': 'Kameraprüfung starten',
  'phone.consent.otherHeading': 'Das geht bei Ihnen nicht?',
  'phone.consent.otherNote':
    'Jede dieser Optionen beendet die Prüfung ohne Kamera. Danach sagen wir Ihnen klar, was {projectName} akzeptiert.',
  'phone.consent.noCamera': 'Ich kann keine Kamera verwenden',
  'phone.consent.cannotMove': 'Ich kann den Kopf nicht bewegen',
  'phone.consent.declined': 'Lieber nicht',

  'phone.camera.heading': 'Kameraprüfung',
  'phone.camera.previewLabel':
    'Ihr Kamerabild, gespiegelt wie in einem Spiegel, mit einem Oval, in das Sie Ihr Gesicht bringen',
  'phone.camera.loading': 'Kamera wird gestartet…',
  'phone.camera.center': 'Schauen Sie direkt in die Kamera, das Gesicht im Oval.',
  'phone.camera.move.left': 'Drehen Sie den Kopf nach links',
  'phone.camera.move.right': 'Drehen Sie den Kopf nach rechts',
  'phone.camera.move.up': 'Neigen Sie den Kopf nach oben',
  'phone.camera.move.down': 'Neigen Sie den Kopf nach unten',
  'phone.camera.progress': 'Bewegung {current} von {total}',
  'phone.camera.countdown': 'Noch {seconds} s',
  'phone.camera.hint.hold': 'Stillhalten…',
  'phone.camera.hint.noFace': 'Wir sehen Ihr Gesicht nicht. Halten Sie es im Oval.',
  'phone.camera.hint.turnLeft': 'Drehen Sie den Kopf etwas nach links.',
  'phone.camera.hint.turnRight': 'Drehen Sie den Kopf etwas nach rechts.',
  'phone.camera.hint.chinUp': 'Heben Sie das Kinn etwas an.',
  'phone.camera.hint.chinDown': 'Senken Sie das Kinn etwas.',
  'phone.camera.timeout':
    'Die Zeit für diese Bewegung ist abgelaufen. Versuchen Sie es erneut, wenn Sie bereit sind.',
  'phone.camera.noFace':
    'Wir haben Ihr Gesicht aus dem Blick verloren, daher wurde die Prüfung beendet. Halten Sie das Telefon vor sich und versuchen Sie es erneut.',
  'phone.camera.manyFaces':
    'Mehr als ein Gesicht war zu sehen, daher wurde die Prüfung beendet. Achten Sie darauf, dass nur Sie im Bild sind, und versuchen Sie es erneut.',
  'phone.camera.expired': 'Diese Kameraprüfung hat zu lange gedauert. Versuchen Sie es mit einer neuen.',
  'phone.camera.denied':
    'Die Kamera ist für diese Seite blockiert. Erlauben Sie sie in den Einstellungen Ihres Browsers und versuchen Sie es erneut, oder fahren Sie ohne Kamera fort.',
  'phone.camera.noCamera':
    'Wir konnten auf diesem Gerät keine Kamera finden. Sie können ohne Kameraprüfung fortfahren.',
  'phone.camera.failed':
    'Die Kamera konnte nicht gestartet werden. Schließen Sie andere Apps, die sie verwenden, und versuchen Sie es erneut, oder fahren Sie ohne Kamera fort.',
  'phone.camera.modelFailed':
    'Die Kameraprüfung konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'phone.camera.uploading': 'Bilder werden geprüft…',
  'phone.camera.passed': 'Kameraprüfung bestanden.',
  'phone.camera.notPassed': 'Die Kameraprüfung wurde nicht bestanden:',
  'phone.camera.reasonUnknown': 'Die Bilder zeigten nicht die Bewegungen, um die wir gebeten hatten.',
  'phone.camera.attemptsLeft': 'Verbleibende Versuche: {count}.',
  'phone.camera.noAttemptsLeft':
    'Es sind keine Versuche mehr übrig. Schließen Sie ab, um Ihr Ergebnis zu sehen.',
  'phone.camera.again': 'Neue Kameraprüfung starten',
  'phone.camera.finish': 'Abschließen',
  'phone.camera.without': 'Ohne Kamera fortfahren',

  'phone.skip.heading': 'Abschließen ohne Kameraprüfung',
  'phone.skip.accepted':
    '{projectName} akzeptiert eine Verifizierung allein mit Ihrem Passkey. Schließen Sie ab, um Ihr Ergebnis zu sehen.',
  'phone.skip.notAccepted':
    '{projectName} verlangt eine Kameraprüfung; ohne sie wird Ihre Verifizierung nicht akzeptiert. Sie können jetzt abschließen oder diesen Link auf einem Telefon mit Kamera öffnen.',
  'phone.skip.finish': 'Abschließen',

  'phone.working': 'Ihr Ergebnis wird geprüft…',
  'phone.result.verifiedHeading': 'Sie sind verifiziert',
  'phone.result.verifiedBody':
    '{projectName} weiß jetzt, dass ein echter Mensch diese Prüfung abgeschlossen hat.',
  'phone.result.failedHeading': 'Wir konnten Sie nicht verifizieren',
  'phone.result.failedBody': 'Das ist uns aufgefallen:',
  'phone.result.passkeyOnly': 'Diese Verifizierung verwendete Ihren Passkey, ohne die Kameraprüfung.',
  'phone.result.reviewHeading': 'Ihre Verifizierung wird geprüft',
  'phone.result.reviewBody': '{projectName} wird Sie informieren.',
  'phone.result.close': 'Sie können diese Seite schließen.',

  'phone.error.heading': 'Etwas ist schiefgelaufen',
  'phone.error.cancelled':
    'Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut, wenn Sie bereit sind.',
  'phone.error.noWebauthn':
    'Dieser Browser kann keine Passkeys verwenden. Öffnen Sie diesen Link im Hauptbrowser Ihres Telefons (etwa Safari oder Chrome) und achten Sie darauf, dass er aktuell ist.',
  'phone.error.alreadyRegistered':
    'Dieses Telefon hat bereits einen PoY-Passkey. Wählen Sie stattdessen „Ich habe bereits einen PoY-Passkey“.',
  'phone.error.passkeyFailed':
    'Ihr Telefon konnte keinen Passkey verwenden. Versuchen Sie es erneut oder wählen Sie die andere Option.',
  'phone.error.network':
    'Wir konnten den Server nicht erreichen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'phone.error.server':
    'Der Server konnte diesen Schritt nicht abschließen. Versuchen Sie es gleich noch einmal.',

  'phone.sandbox.heading': 'Sandbox: ein Ergebnis simulieren',
  'phone.sandbox.body':
    'Beendet diese Verifizierung mit dem gewählten Ergebnis und überspringt die echte Prüfung.',
  'phone.sandbox.verified': 'Verifiziert',
  'phone.sandbox.failed': 'Fehlgeschlagen',
  'phone.sandbox.duplicate': 'Doppelte Person',
  'phone.sandbox.expired': 'Abgelaufen',

  'reason.USER_VERIFICATION_MISSING':
    'Der Passkey wurde ohne Ihren Fingerabdruck, Ihr Gesicht oder die Bildschirmsperre verwendet.',
  'reason.AUTOMATION_DETECTED': 'Dieser Browser wird von Automatisierungssoftware gesteuert.',
  'reason.USER_AGENT_CHANGED': 'Der Browser hat sich während der Prüfung geändert.',
  'reason.USER_AGENT_MISSING': 'Der Browser hat sich nicht zu erkennen gegeben.',
  'reason.CREDENTIAL_FLAGS_INCONSISTENT': 'Der Passkey hat widersprüchliche Angaben gemacht.',
  'reason.ROAMING_AUTHENTICATOR':
    'Der Passkey stammte von einem separaten Gerät, etwa einem Sicherheitsschlüssel.',
  'reason.AUTHENTICATOR_ATTACHMENT_UNKNOWN': 'Wir konnten nicht feststellen, wo der Passkey gespeichert ist.',
  'reason.CHALLENGE_MISSING': 'Die Ziehübung wurde nicht gemacht.',
  'reason.MALFORMED_TRACE': 'Die Daten der Ziehübung konnten nicht gelesen werden.',
  'reason.CHALLENGE_INCOMPLETE': 'Die Ziehübung wurde nicht beendet.',
  'reason.TOO_FEW_EVENTS': 'Der Punkt hat sich zu wenig bewegt, um es zu messen.',
  'reason.TELEPORTING_POINTER': 'Der Punkt ist gesprungen, statt gezogen zu werden.',
  'reason.REACTION_TOO_FAST': 'Der Punkt hat sich schneller bewegt, als ein Mensch reagieren kann.',
  'reason.STRAIGHT_LINE_MOVEMENT': 'Der Punkt hat sich in vollkommen geraden Linien bewegt.',
  'reason.CONSTANT_VELOCITY': 'Der Punkt hat sich mit vollkommen gleichmäßiger Geschwindigkeit bewegt.',
  'reason.EVENLY_SPACED_POINTS': 'Die Bewegung war vollkommen gleichmäßig.',
  'reason.UNIFORM_TIMING': 'Der zeitliche Ablauf der Bewegung war vollkommen regelmäßig.',
  'reason.NEW_PASSKEY': 'Dieser Passkey ist neu, daher zählen frühere Verifizierungen noch nicht.',
  'reason.LIVENESS_NOT_ATTEMPTED': 'Die Kameraprüfung wurde nicht gemacht.',
  'reason.CAMERA_DECLINED': 'Sie haben sich entschieden, ohne Kameraprüfung fortzufahren.',
  'reason.NO_CAMERA': 'Für die Prüfung konnte keine Kamera verwendet werden.',
  'reason.CANNOT_MOVE_HEAD': 'Sie haben ohne die Kopfbewegungen fortgefahren.',
  'reason.LIVENESS_FAILED': 'Die Kameraprüfung wurde nicht bestanden.',
  'reason.NO_FACE': 'Nicht auf jedem Bild war ein Gesicht zu sehen.',
  'reason.MULTIPLE_FACES': 'Mehr als ein Gesicht war zu sehen.',
  'reason.POSE_NOT_FOLLOWED': 'Die Kopfbewegungen entsprachen nicht dem, worum wir gebeten hatten.',
  'reason.FACE_MISMATCH_ACROSS_FRAMES': 'Die Bilder zeigten nicht alle dieselbe Person.',
  'reason.FRAMES_NOT_FRESH': 'Die Bilder kamen schneller an, als ein Mensch sich bewegen kann.',
  'reason.FACE_REVIEW':
    'Ihr Gesicht ähnelt dem einer bereits verifizierten Person, daher prüft ein Mensch nach.',
  'reason.VELOCITY':
    'Zu viele neue Verifizierungen kamen in kurzer Zeit aus diesem Netzwerk oder von diesem Gerät.',
  'reason.ATTESTATION_REQUIRED': '{projectName} akzeptiert nur Passkeys von zugelassenen Geräten.',
  'reason.ASSURANCE_BELOW_POLICY':
    '{projectName} braucht die Kameraprüfung, um die Verifizierung zu akzeptieren.',
  'reason.DUPLICATE_HUMAN': 'Sie haben sich bei {projectName} bereits mit einem anderen Konto verifiziert.',
  'reason.unknown': 'Eine andere Prüfung wurde nicht bestanden.',
  'common.goToProject': 'Zu {projectName}, um einen neuen Link zu erhalten',
  'profile.badgeUnknown': 'unbekannte ID',
  'profile.badgeTestIdentity': 'Testidentität, nicht öffentlich',
  'profile.badgeMissingAlt': 'PoY-Abzeichen für {poyId}: {label}',
  'profile.testIdentity.title': 'Testidentität',
  'profile.testIdentity.heading': 'Testidentitäten sind nicht öffentlich',
  'profile.testIdentity.body':
    '{poyId} wurde in der Sandbox (Testmodus) erstellt. Testidentitäten gibt es nur für das Projekt, das sie erstellt hat; sie haben daher weder ein öffentliches Profil noch ein Abzeichen.',
  'profile.testIdentity.next':
    'Eine echte Identität, von einer echten Person über einen echten Link erstellt, hat hier ein Profil.',
  'docs.brand': 'POY-Dokumentation',
  'docs.skipToContent': 'Zum Inhalt springen',
  'docs.navLabel': 'Dokumentation',
  'docs.home': 'Startseite der Dokumentation',
  'docs.dashboard': 'Dashboard',
  'docs.title': 'Dokumentation',
  'docs.heading': 'POY-Dokumentation',
  'docs.intro':
    'Anleitungen zur Integration der POY-API und der Connect-API, zum Empfang ihrer Webhooks, zum Testen in der Sandbox und zum Betrieb Ihres eigenen Servers sowie die Referenz jeder Anfrage.',
  'docs.guidesHeading': 'Anleitungen',
  'docs.referenceHeading': 'Referenz',
  'docs.reference': 'API-Referenz',
  'docs.referenceHint': 'Jede Operation beider APIs mit ihren Parametern, Antworten und Fehlern.',
  'docs.referenceLoading': 'API-Referenz wird geladen …',
  'docs.openapiDocument': 'OpenAPI-Dokument',
  'docs.openapiHint': 'Dieselbe Beschreibung als JSON (OpenAPI 3.1), für Codegeneratoren und Linter.',
  'docs.tocHeading': 'Auf dieser Seite',
  'docs.sectionLink': 'Link zu diesem Abschnitt',
  'docs.notFoundHeading': 'Diese Anleitung gibt es nicht',
  'docs.notFoundBody': 'Unter dieser Adresse gibt es keine Anleitung. Sie wurde möglicherweise verschoben.',
  'docs.notFoundLink': 'Alle Anleitungen ansehen',
  'reason.SANDBOX_FAILED': 'Die Sandbox hat diese Verifizierung als fehlgeschlagen beendet (Testmodus).',
  ...deDashboard,
};

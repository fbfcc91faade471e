// Every string a person sees on the hosted pages, in French (formal register: vous), and the
// dashboard's from dashboard/fr.ts. Same keys and `{placeholders}` as en.ts (i18n/catalogs.test.ts
// checks both); the brand is not translated.
import { frDashboard } from './dashboard/fr.ts';
import type { Messages } from './translate.ts';

export const fr: Messages = {
  'common.brand': 'Proof of You',
  'common.sandboxBanner': 'Sandbox : mode test. Rien ici ne concerne de vraies personnes.',
  'common.noscript':
    'Cette page a besoin de JavaScript. Activez-le ou ouvrez le lien dans un autre navigateur.',
  'common.expiresAt': 'Ce lien fonctionne jusqu’à {time}.',
  'common.continueTo': 'Continuer vers {projectName}',
  'common.tryAgain': 'Réessayer',
  'common.redirecting': 'Retour vers {projectName}…',
  'common.language': 'Langue',

  'status.PENDING': 'En attente de la fin de la vérification sur votre téléphone…',
  'status.VERIFIED.title': 'Vérification terminée',
  'status.VERIFIED.body': 'Vous pouvez fermer cet onglet.',
  'status.IN_REVIEW.title': 'Votre vérification est en cours d’examen',
  'status.IN_REVIEW.body': 'Vous n’avez plus rien à faire ici. {projectName} vous communiquera le résultat.',
  'status.UNFULFILLABLE.title': 'La vérification n’a pas pu aboutir',
  'status.UNFULFILLABLE.body': 'Retournez sur {projectName} pour savoir ce que vous pouvez faire ensuite.',
  'status.EXPIRED.title': 'Ce lien a expiré',
  'status.EXPIRED.body': 'Demandez un nouveau lien à {projectName}.',
  'status.REVOKED.title': 'Ce lien n’est plus valide',
  'status.REVOKED.body':
    '{projectName} a annulé cette vérification. Demandez un nouveau lien à {projectName} si vous en avez encore besoin.',

  'profile.title': 'Profil PoY {poyId}',
  'profile.verified': 'Personne vérifiée',
  'profile.unverified': 'Pas encore vérifiée',
  'profile.trustScore': 'Score de confiance : {score} sur 100',
  'profile.since': 'Vérifiée depuis le {date}',
  'profile.explainer':
    'Une identité PoY appartient à une seule personne réelle, qui l’a prouvé avec une clé d’accès et une courte vérification. Rien d’autre à son sujet n’est public.',
  'profile.badgeHeading': 'Badge',
  'profile.badgeAlt': 'Badge PoY de {poyId}',
  'profile.badgeVerified': 'personne vérifiée',
  'profile.badgeUnverified': 'non vérifiée',

  'desktop.title': 'Continuez sur votre téléphone',
  'desktop.heading': 'Continuez sur votre téléphone',
  'desktop.intro':
    '{projectName} vous demande de confirmer que vous êtes une personne réelle. Cela prend environ une minute.',
  'desktop.scanHint': 'Scannez ce code avec l’appareil photo de votre téléphone.',
  'desktop.qrLabel': 'Code QR qui ouvre cette vérification sur votre téléphone',
  'desktop.orType': 'Ou ouvrez {joinUrl} sur votre téléphone et saisissez ce code :',
  'desktop.shortCodeSpelled': 'Code : {spelled}',
  'desktop.openHere': 'Ouvrir plutôt sur cet appareil',
  'desktop.progressHeading': 'Progression',

  'landing.title': 'Bienvenue',
  'landing.heading': 'Proof of You sur ce serveur',
  'landing.intro':
    'Ce serveur vérifie qu’une personne est réelle et unique, pour les applications qui l’utilisent. On y arrive par un lien ou un code fourni par l’une de ces applications.',
  'landing.linksHeading': 'Pour les développeurs et les exploitants',
  'landing.docs': 'Référence de l’API',
  'landing.docsHint': 'Les deux API, avec chaque requête, réponse et erreur, et un moyen de les essayer.',
  'landing.dashboard': 'Tableau de bord',
  'landing.dashboardHint':
    'Connectez-vous avec une clé d’accès pour gérer les projets, les clés d’API, les webhooks et les vérifications.',
  'landing.health': 'État',
  'landing.healthHint': 'Répond tant que le serveur fonctionne (/healthz).',
  'landing.readiness': 'Disponibilité',
  'landing.readinessHint':
    'Répond lorsque le serveur peut joindre sa base de données et accepter du travail (/readyz).',
  'landing.join': 'Vous avez un code affiché sur un autre écran ? Saisissez-le ici',

  'join.title': 'Saisissez votre code',
  'join.heading': 'Saisissez le code affiché sur votre écran',
  'join.intro': 'Tapez le code affiché sur votre autre appareil.',
  'join.label': 'Code',
  'join.hint':
    'Des lettres et des chiffres, par exemple ABCD-2345. Les tirets et les espaces sont facultatifs.',
  'join.submit': 'Continuer',
  'join.errorInvalid': 'Cela ne ressemble pas à un code. Vérifiez-le et réessayez.',
  'join.errorUnknown':
    'Nous n’avons pas trouvé ce code. Il a peut-être expiré : vérifiez le code sur votre autre écran ou demandez un nouveau lien.',

  'inUse.title': 'Lien utilisé sur un autre appareil',
  'inUse.heading': 'Ce lien est utilisé sur un autre appareil',
  'inUse.body':
    'La vérification pour {projectName} a été commencée sur un autre téléphone ou navigateur, et ne peut être terminée que là-bas.',
  'inUse.finish': 'Si c’était vous, terminez sur l’appareil où vous avez commencé.',
  'inUse.newLink':
    'Si ce n’était pas vous, ou si vous n’avez plus cet appareil, demandez un nouveau lien à {projectName}.',

  'notFound.title': 'Lien introuvable',
  'notFound.heading': 'Ce lien ne fonctionne pas',
  'notFound.body':
    'Il est peut-être mal saisi ou a été remplacé par un plus récent. Demandez un nouveau lien au site qui vous l’a envoyé.',
  'notFound.join': 'Vous avez un code affiché sur un autre écran ? Saisissez-le ici',

  'phone.title': 'Confirmez que vous êtes une personne',
  'phone.intro.heading': '{projectName} vous demande de confirmer que vous êtes une personne réelle',
  'phone.intro.checkedHeading': 'Ce que nous vérifions',
  'phone.intro.checkedPasskey':
    'Une clé d’accès sur ce téléphone, déverrouillée par votre empreinte, votre visage ou le verrouillage de l’écran.',
  'phone.intro.checkedCamera':
    'Une courte vérification par la caméra : vous regardez la caméra, puis tournez la tête quelques fois comme l’indiquent des flèches.',
  'phone.intro.storedHeading': 'Ce que nous conservons',
  'phone.intro.storedPasskey':
    'La clé publique de votre clé d’accès, qui ne peut rien déverrouiller à elle seule.',
  'phone.intro.storedScore': 'Un score d’humanité.',
  'phone.intro.storedFace':
    'Un modèle du visage : des nombres, pas une image, chiffrés, pour vous reconnaître si vous vous vérifiez à nouveau.',
  'phone.intro.storedNever':
    'Jamais de photos ni de vidéo : les images de la caméra sont vérifiées en mémoire puis supprimées. L’empreinte ou le visage qui déverrouille votre clé d’accès ne quitte jamais votre téléphone.',
  'phone.intro.sharedHeading': 'Ce que {projectName} reçoit',
  'phone.intro.sharedScore':
    'Votre score d’humanité et un identifiant qui vous est propre, valable uniquement pour {projectName}.',
  'phone.intro.sharedPhone': 'Si votre numéro de téléphone est vérifié.',
  'phone.intro.continue': 'Continuer',

  'phone.passkey.heading': 'Utilisez une clé d’accès',
  'phone.passkey.body':
    'Votre téléphone vous demandera votre empreinte, votre visage ou le verrouillage de l’écran.',
  'phone.passkey.create': 'Créer mon identité PoY',
  'phone.passkey.createHint': 'Première fois : crée une nouvelle clé d’accès sur ce téléphone.',
  'phone.passkey.existing': 'J’ai déjà une clé d’accès PoY',
  'phone.passkey.existingHint': 'Vérification déjà faite : utilisez la clé d’accès créée à ce moment-là.',
  'phone.passkey.waiting': 'En attente de votre clé d’accès…',
  'phone.passkey.done': 'Clé d’accès confirmée. Votre identifiant PoY est {poyId}.',

  'phone.consent.heading': 'Vérification par la caméra',
  'phone.consent.body':
    'Vous regarderez la caméra, puis tournerez la tête quelques fois comme l’indiquent des flèches. Cela prend environ une demi-minute.',
  'phone.consent.privacyHeading': 'Ce que deviennent les images',
  'phone.consent.privacyMemory':
    'Quelques images fixes sont envoyées à notre serveur et vérifiées en mémoire. Elles sont aussitôt supprimées : jamais écrites sur disque, dans des journaux ni dans une base de données.',
  'phone.consent.privacyTemplate':
    'Seul un modèle du visage est conservé : des nombres, pas une image, chiffrés. Il nous permet de reconnaître la même personne si elle se vérifie à nouveau.',
  'phone.consent.privacyErase': 'Supprimer votre identité PoY supprime aussi le modèle du visage.',
  'phone.consent.start': 'Commencer la vérification par la caméra',
  'phone.consent.otherHeading': 'Impossible pour vous ?',
  'phone.consent.otherNote':
    'Chacun de ces choix termine la vérification sans la caméra. Nous vous disons ensuite clairement ce que {projectName} accepte.',
  'phone.consent.noCamera': 'Je ne peux pas utiliser de caméra',
  'phone.consent.cannotMove': 'Je ne peux pas bouger la tête',
  'phone.consent.declined': 'Je préfère ne pas le faire',

  'phone.camera.heading': 'Vérification par la caméra',
  'phone.camera.previewLabel':
    'L’image de votre caméra, inversée comme dans un miroir, avec un ovale où placer votre visage',
  'phone.camera.loading': 'Démarrage de la caméra…',
  'phone.camera.center': 'Regardez droit vers la caméra, le visage dans l’ovale.',
  'phone.camera.move.left': 'Tournez la tête vers votre gauche',
  'phone.camera.move.right': 'Tournez la tête vers votre droite',
  'phone.camera.move.up': 'Levez la tête',
  'phone.camera.move.down': 'Baissez la tête',
  'phone.camera.progress': 'Mouvement {current} sur {total}',
  'phone.camera.countdown': 'Encore {seconds} s',
  'phone.camera.hint.hold': 'Ne bougez plus…',
  'phone.camera.hint.noFace': 'Nous ne voyons pas votre visage. Gardez-le dans l’ovale.',
  'phone.camera.hint.turnLeft': 'Tournez un peu vers votre gauche.',
  'phone.camera.hint.turnRight': 'Tournez un peu vers votre droite.',
  'phone.camera.hint.chinUp': 'Levez un peu le menton.',
  'phone.camera.hint.chinDown': 'Baissez un peu le menton.',
  'phone.camera.timeout': 'Le temps imparti pour ce mouvement est écoulé. Réessayez quand vous le souhaitez.',
  'phone.camera.noFace':
    'Nous avons perdu votre visage de vue, la vérification s’est donc arrêtée. Tenez le téléphone devant vous et réessayez.',
  'phone.camera.manyFaces':
    'Plusieurs visages étaient visibles, la vérification s’est donc arrêtée. Assurez-vous d’être la seule personne dans l’image et réessayez.',
  'phone.camera.expired':
    'Cette vérification par la caméra a pris trop de temps. Réessayez avec une nouvelle.',
  'phone.camera.denied':
    'La caméra est bloquée pour cette page. Autorisez-la dans les réglages de votre navigateur et réessayez, ou continuez sans la caméra.',
  'phone.camera.noCamera':
    'Nous n’avons trouvé aucune caméra sur cet appareil. Vous pouvez continuer sans la vérification par la caméra.',
  'phone.camera.failed':
    'La caméra n’a pas pu démarrer. Fermez les autres applications qui l’utilisent et réessayez, ou continuez sans la caméra.',
  'phone.camera.modelFailed':
    'La vérification par la caméra n’a pas pu être chargée. Vérifiez votre connexion et réessayez.',
  'phone.camera.uploading': 'Vérification des images…',
  'phone.camera.passed': 'Vérification par la caméra réussie.',
  'phone.camera.notPassed': 'La vérification par la caméra n’a pas réussi :',
  'phone.camera.reasonUnknown': 'Les images ne montraient pas les mouvements demandés.',
  'phone.camera.attemptsLeft': 'Tentatives restantes : {count}.',
  'phone.camera.noAttemptsLeft': 'Il ne reste aucune tentative. Terminez pour voir votre résultat.',
  'phone.camera.again': 'Commencer une nouvelle vérification par la caméra',
  'phone.camera.finish': 'Terminer',
  'phone.camera.without': 'Continuer sans la caméra',

  'phone.skip.heading': 'Terminer sans la vérification par la caméra',
  'phone.skip.accepted':
    '{projectName} accepte une vérification avec votre seule clé d’accès. Terminez pour voir votre résultat.',
  'phone.skip.notAccepted':
    '{projectName} demande une vérification par la caméra ; sans elle, votre vérification ne sera pas acceptée. Vous pouvez terminer maintenant ou ouvrir ce lien sur un téléphone équipé d’une caméra.',
  'phone.skip.finish': 'Terminer',

  'phone.working': 'Vérification de votre résultat…',
  'phone.result.verifiedHeading': 'Votre identité est vérifiée',
  'phone.result.verifiedBody':
    '{projectName} sait désormais qu’une personne réelle a effectué cette vérification.',
  'phone.result.failedHeading': 'Nous n’avons pas pu vous vérifier',
  'phone.result.failedBody': 'Ce que nous avons constaté :',
  'phone.result.passkeyOnly':
    'Cette vérification a utilisé votre clé d’accès, sans la vérification par la caméra.',
  'phone.result.reviewHeading': 'Votre vérification est en cours d’examen',
  'phone.result.reviewBody': '{projectName} vous tiendra au courant.',
  'phone.result.close': 'Vous pouvez fermer cette page.',

  'phone.error.heading': 'Un problème est survenu',
  'phone.error.cancelled':
    'La demande de clé d’accès a été annulée ou a expiré. Réessayez quand vous le souhaitez.',
  'phone.error.noWebauthn':
    'Ce navigateur ne peut pas utiliser de clés d’accès. Ouvrez ce lien dans le navigateur principal de votre téléphone (par exemple Safari ou Chrome) et vérifiez qu’il est à jour.',
  'phone.error.alreadyRegistered':
    'Ce téléphone possède déjà une clé d’accès PoY. Choisissez plutôt « J’ai déjà une clé d’accès PoY ».',
  'phone.error.passkeyFailed':
    'Votre téléphone n’a pas pu utiliser de clé d’accès. Réessayez ou choisissez l’autre option.',
  'phone.error.network': 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  'phone.error.server': 'Le serveur n’a pas pu terminer cette étape. Réessayez dans un instant.',

  'phone.sandbox.heading': 'Sandbox : simuler un résultat',
  'phone.sandbox.body': 'Termine cette vérification avec le résultat choisi, sans la vérification réelle.',
  'phone.sandbox.verified': 'Vérifiée',
  'phone.sandbox.failed': 'Échouée',
  'phone.sandbox.duplicate': 'Personne en double',
  'phone.sandbox.expired': 'Expirée',

  'reason.USER_VERIFICATION_MISSING':
    'La clé d’accès a été utilisée sans votre empreinte, votre visage ni le verrouillage de l’écran.',
  'reason.AUTOMATION_DETECTED': 'Ce navigateur est piloté par un logiciel d’automatisation.',
  'reason.USER_AGENT_CHANGED': 'Le navigateur a changé pendant la vérification.',
  'reason.USER_AGENT_MISSING': 'Le navigateur ne s’est pas identifié.',
  'reason.CREDENTIAL_FLAGS_INCONSISTENT': 'La clé d’accès a fourni des informations incohérentes.',
  'reason.ROAMING_AUTHENTICATOR':
    'La clé d’accès provenait d’un appareil distinct, comme une clé de sécurité.',
  'reason.AUTHENTICATOR_ATTACHMENT_UNKNOWN': 'Nous n’avons pas pu savoir où la clé d’accès est enregistrée.',
  'reason.CHALLENGE_MISSING': 'L’exercice de glisser-déposer n’a pas été fait.',
  'reason.MALFORMED_TRACE': 'Les données de l’exercice de glisser-déposer n’ont pas pu être lues.',
  'reason.CHALLENGE_INCOMPLETE': 'L’exercice de glisser-déposer n’a pas été terminé.',
  'reason.TOO_FEW_EVENTS': 'Le point a trop peu bougé pour être mesuré.',
  'reason.TELEPORTING_POINTER': 'Le point a sauté au lieu d’être déplacé.',
  'reason.REACTION_TOO_FAST': 'Le point a bougé plus vite qu’une personne ne peut réagir.',
  'reason.STRAIGHT_LINE_MOVEMENT': 'Le point s’est déplacé en lignes parfaitement droites.',
  'reason.CONSTANT_VELOCITY': 'Le point s’est déplacé à une vitesse parfaitement constante.',
  'reason.EVENLY_SPACED_POINTS': 'Le mouvement était parfaitement régulier.',
  'reason.UNIFORM_TIMING': 'Le rythme du mouvement était parfaitement régulier.',
  'reason.NEW_PASSKEY':
    'Cette clé d’accès est nouvelle : les vérifications précédentes ne comptent pas encore.',
  'reason.LIVENESS_NOT_ATTEMPTED': 'La vérification par la caméra n’a pas été faite.',
  'reason.CAMERA_DECLINED': 'Vous avez choisi de continuer sans la vérification par la caméra.',
  'reason.NO_CAMERA': 'Aucune caméra n’a pu être utilisée pour la vérification.',
  'reason.CANNOT_MOVE_HEAD': 'Vous avez continué sans les mouvements de tête.',
  'reason.LIVENESS_FAILED': 'La vérification par la caméra n’a pas réussi.',
  'reason.NO_FACE': 'Un visage n’était pas visible sur chaque image.',
  'reason.MULTIPLE_FACES': 'Plusieurs visages étaient visibles.',
  'reason.POSE_NOT_FOLLOWED': 'Les mouvements de tête ne correspondaient pas à ce qui était demandé.',
  'reason.FACE_MISMATCH_ACROSS_FRAMES': 'Les images ne montraient pas toutes la même personne.',
  'reason.FRAMES_NOT_FRESH': 'Les images sont arrivées plus vite qu’une personne ne peut bouger.',
  'reason.FACE_REVIEW':
    'Votre visage ressemble à celui d’une personne déjà vérifiée : une personne va donc contrôler.',
  'reason.VELOCITY':
    'Trop de nouvelles vérifications sont venues de ce réseau ou de cet appareil en peu de temps.',
  'reason.ATTESTATION_REQUIRED': '{projectName} n’accepte que les clés d’accès d’appareils approuvés.',
  'reason.ASSURANCE_BELOW_POLICY':
    '{projectName} a besoin de la vérification par la caméra pour accepter la vérification.',
  'reason.DUPLICATE_HUMAN':
    'Vous avez déjà effectué une vérification auprès de {projectName} avec un autre compte.',
  'reason.unknown': 'Une autre vérification n’a pas réussi.',
  'common.goToProject': 'Aller sur {projectName} pour obtenir un nouveau lien',
  'profile.badgeUnknown': 'identifiant inconnu',
  'profile.badgeTestIdentity': 'identité de test, non publique',
  'profile.badgeMissingAlt': 'Badge PoY de {poyId} : {label}',
  'profile.testIdentity.title': 'Identité de test',
  'profile.testIdentity.heading': 'Les identités de test ne sont pas publiques',
  'profile.testIdentity.body':
    '{poyId} a été créé dans le bac à sable (mode test). Les identités de test n’existent que pour le projet qui les a créées : elles n’ont ni profil ni badge publics.',
  'profile.testIdentity.next':
    'Une identité réelle, créée par une vraie personne avec un vrai lien, a un profil ici.',
  'docs.brand': 'Documentation POY',
  'docs.skipToContent': 'Aller au contenu',
  'docs.navLabel': 'Documentation',
  'docs.home': 'Accueil de la documentation',
  'docs.dashboard': 'Tableau de bord',
  'docs.title': 'Documentation',
  'docs.heading': 'Documentation de POY',
  'docs.intro':
    'Des guides pour intégrer l’API POY et l’API Connect, recevoir leurs webhooks, tester dans le bac à sable et héberger votre propre serveur, ainsi que la référence de chaque requête.',
  'docs.guidesHeading': 'Guides',
  'docs.referenceHeading': 'Référence',
  'docs.reference': 'Référence de l’API',
  'docs.referenceHint': 'Chaque opération des deux API, avec ses paramètres, ses réponses et ses erreurs.',
  'docs.referenceLoading': 'Chargement de la référence de l’API…',
  'docs.openapiDocument': 'Document OpenAPI',
  'docs.openapiHint':
    'La même description en JSON (OpenAPI 3.1), pour les générateurs de code et les linters.',
  'docs.tocHeading': 'Sur cette page',
  'docs.sectionLink': 'Lien vers cette section',
  'docs.notFoundHeading': 'Guide introuvable',
  'docs.notFoundBody': 'Aucun guide à cette adresse. Il a peut-être été déplacé.',
  'docs.notFoundLink': 'Voir tous les guides',
  'reason.SANDBOX_FAILED': 'Le bac à sable a terminé cette vérification en échec (mode test).',
  ...frDashboard,
};

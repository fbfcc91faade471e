// The dashboard's projects strings in French: project list, settings and API keys (spread into fr.ts).
import type { enProjects } from './en-projects.ts';

export const frProjects: Readonly<Record<keyof typeof enProjects, string>> = {
  'dash.projects.title': 'Projets',
  'dash.projects.intro':
    'Chaque projet possède ses propres clés d’API, webhooks, vérifications et paramètres.',
  'dash.projects.table.caption': 'Projets de ce compte',
  'dash.projects.table.name': 'Nom',
  'dash.projects.table.plan': 'Offre',
  'dash.projects.table.created': 'Créé le',
  'dash.projects.table.settings': 'Paramètres',
  'dash.projects.table.settingsLink': 'Paramètres de {name}',
  'dash.projects.empty': 'Aucun projet pour le moment.',
  'dash.projects.create.heading': 'Créer un projet',
  'dash.projects.create.name': 'Nom',
  'dash.projects.create.nameHint':
    'Affiché dans le tableau de bord et, sauf si vous définissez un nom de marque, sur les pages hébergées.',
  'dash.projects.create.submit': 'Créer le projet',
  'dash.projects.create.after': 'Vous arriverez sur ses clés de test, prêt à essayer l’API.',
  'dash.projects.error.summary': 'Rien n’a été enregistré. Corrigez les champs signalés ci-dessous.',
  'dash.projects.error.name': 'Saisissez un nom de 1 à 200 caractères.',
  'dash.projects.error.plan': 'Choisissez l’une des offres.',
  'dash.projects.plan.free': 'Gratuite',
  'dash.projects.plan.pro': 'Pro',
  'dash.projects.plan.enterprise': 'Entreprise',

  'dash.projects.settings.title': 'Paramètres',
  'dash.projects.settings.intro':
    'Ces paramètres s’appliquent au projet dans les deux modes. Les modifications prennent effet dès la requête suivante, dans tous les processus.',
  'dash.projects.settings.readOnly':
    'Seuls les propriétaires et les administrateurs peuvent modifier ces paramètres.',
  'dash.projects.settings.saved': 'Paramètres enregistrés.',
  'dash.projects.settings.unchanged': 'Rien n’a été modifié.',
  'dash.projects.settings.submit': 'Enregistrer les paramètres',
  'dash.projects.settings.group.project': 'Projet',
  'dash.projects.settings.group.policy': 'Politique de vérification',
  'dash.projects.settings.group.velocity': 'Limites de fréquence',
  'dash.projects.settings.group.invites': 'Invitations et redirections',
  'dash.projects.settings.group.webauthn': 'Clés d’accès (partie de confiance WebAuthn)',
  'dash.projects.settings.group.branding': 'Pages hébergées',
  'dash.projects.settings.name': 'Nom du projet',
  'dash.projects.settings.plan': 'Offre',
  'dash.projects.settings.trustThreshold': 'Seuil de confiance',
  'dash.projects.settings.trustThresholdHint':
    'Le score de confiance, de 0 à 100, qu’une vérification doit atteindre pour réussir.',
  'dash.projects.settings.trustThresholdError': 'Saisissez un nombre entier de 0 à 100.',
  'dash.projects.settings.requiredAssurance': 'Niveau d’assurance exigé',
  'dash.projects.settings.requiredAssuranceHint':
    'Clé d’accès : une nouvelle clé d’accès. Détection du vivant : plus le contrôle par caméra. Unique : plus aucune autre identité avec le même visage.',
  'dash.projects.settings.requiredAssuranceError': 'Choisissez l’un des niveaux.',
  'dash.projects.settings.assurance.default': 'Par défaut (unique)',
  'dash.projects.settings.assurance.passkey': 'Clé d’accès',
  'dash.projects.settings.assurance.liveness': 'Détection du vivant',
  'dash.projects.settings.assurance.unique': 'Unique',
  'dash.projects.settings.attestationRequired': 'Exiger l’attestation de l’authentificateur',
  'dash.projects.settings.attestationRequiredHint':
    'Seules les clés d’accès créées par les modèles d’authentificateur listés ci-dessous sont acceptées.',
  'dash.projects.settings.aaguidAllowList': 'Modèles d’authentificateur autorisés (AAGUID)',
  'dash.projects.settings.aaguidAllowListHint':
    'Un par ligne, par exemple fa2b99dc-9e39-4257-8f92-4a30d23c4118.',
  'dash.projects.settings.aaguidAllowListError':
    'Indiquez chaque modèle sous la forme de chiffres hexadécimaux 8-4-4-4-12 (pas celui entièrement à zéro), 100 au maximum. Si l’attestation est exigée, indiquez-en au moins un.',
  'dash.projects.settings.velocity.newHumansPerIpPerHour': 'Nouvelles personnes par adresse IP et par heure',
  'dash.projects.settings.velocity.newHumansPerPrefixPerHour':
    'Nouvelles personnes par préfixe réseau et par heure',
  'dash.projects.settings.velocity.newHumansPerDevicePerDay': 'Nouvelles personnes par appareil et par jour',
  'dash.projects.settings.velocity.startsPerIpPerHour': 'Vérifications lancées par adresse IP et par heure',
  'dash.projects.settings.velocity.startsPerDevicePerHour': 'Vérifications lancées par appareil et par heure',
  'dash.projects.settings.velocity.limitError': 'Saisissez un nombre entier de 1 à 10000.',
  'dash.projects.settings.velocity.action': 'Lorsqu’une limite est dépassée',
  'dash.projects.settings.velocity.actionError': 'Choisissez l’une des deux options.',
  'dash.projects.settings.velocity.review': 'Mettre la vérification en attente de révision',
  'dash.projects.settings.velocity.fail': 'Faire échouer la vérification',
  'dash.projects.settings.inviteTtlSeconds': 'Durée de validité de l’invitation en secondes',
  'dash.projects.settings.inviteTtlSecondsHint':
    'De 300 (5 minutes) à 2592000 (30 jours). Vide : la valeur par défaut du déploiement, {seconds} secondes.',
  'dash.projects.settings.inviteTtlSecondsError':
    'Saisissez un nombre entier de 300 à 2592000, ou laissez le champ vide.',
  'dash.projects.settings.redirectOrigins': 'Origines de redirection autorisées',
  'dash.projects.settings.redirectOriginsHint':
    'Une par ligne : schéma, hôte et port uniquement, par exemple https://shop.example (https sauf si l’hôte est localhost). Vide : toute adresse de redirection est acceptée.',
  'dash.projects.settings.originsError':
    'Indiquez chaque origine avec uniquement le schéma, l’hôte et le port, par exemple https://shop.example (https sauf si l’hôte est localhost), 50 au maximum.',
  'dash.projects.settings.webauthnRpId': 'ID de la partie de confiance',
  'dash.projects.settings.webauthnRpIdHint':
    'Le domaine auquel appartiennent les clés d’accès de vos utilisateurs, par exemple shop.example. Vide : celui de ce déploiement POY.',
  'dash.projects.settings.webauthnRpIdError':
    'Saisissez un domaine, par exemple shop.example, dont relèvent toutes les origines des clés d’accès (le domaine lui-même ou un sous-domaine), ou laissez le champ vide.',
  'dash.projects.settings.webauthnRpName': 'Nom de la partie de confiance',
  'dash.projects.settings.webauthnRpNameHint':
    'Affiché dans la demande de clé d’accès. Vide : le nom du projet.',
  'dash.projects.settings.webauthnOrigins': 'Origines des clés d’accès',
  'dash.projects.settings.webauthnOriginsHint':
    'Une par ligne : vos sites qui mènent les cérémonies de clés d’accès pour ce projet. Vide : l’origine propre à ce déploiement POY.',
  'dash.projects.settings.brandName': 'Nom sur les pages hébergées',
  'dash.projects.settings.brandNameHint': 'Vide : le nom du projet.',
  'dash.projects.settings.brandColor': 'Couleur d’accentuation',
  'dash.projects.settings.brandColorHint':
    'Une couleur hexadécimale, par exemple #0a7d4f. Vide : les couleurs propres à POY.',
  'dash.projects.settings.brandColorError':
    'Saisissez # suivi de six chiffres hexadécimaux, par exemple #0a7d4f, ou laissez le champ vide.',
  'dash.projects.settings.brandLogoUrl': 'Adresse du logo',
  'dash.projects.settings.brandLogoUrlHint':
    'Une adresse https de votre logo, affiché avec une hauteur de 48 pixels au maximum. Les navigateurs des personnes le chargent depuis cette adresse. Vide : pas de logo.',
  'dash.projects.settings.brandLogoUrlError':
    'Saisissez une adresse https sans nom d’utilisateur ni mot de passe, ou laissez le champ vide.',
  'dash.projects.settings.textTooLong': '100 caractères au maximum.',

  'dash.projects.keys.title': 'Clés d’API',
  'dash.projects.keys.intro.test':
    'Clés de test uniquement : elles voient des données de test et n’affectent jamais de vraies personnes. Les clés de production sont listées en mode production.',
  'dash.projects.keys.intro.live':
    'Clés de production uniquement. Les clés de test sont listées en mode test.',
  'dash.projects.keys.table.caption': 'Clés d’API dans ce mode',
  'dash.projects.keys.table.name': 'Nom',
  'dash.projects.keys.table.prefix': 'Clé',
  'dash.projects.keys.table.mode': 'Mode',
  'dash.projects.keys.table.creator': 'Créée par',
  'dash.projects.keys.table.created': 'Créée le',
  'dash.projects.keys.table.lastUsed': 'Dernière utilisation',
  'dash.projects.keys.table.status': 'Statut',
  'dash.projects.keys.table.actions': 'Actions',
  'dash.projects.keys.neverUsed': 'Jamais',
  'dash.projects.keys.status.active': 'Active',
  'dash.projects.keys.status.revoked': 'Révoquée le {time}',
  'dash.projects.keys.creator.cli': 'Ligne de commande',
  'dash.projects.keys.creator.api': 'API',
  'dash.projects.keys.creator.unknown': 'Non enregistré',
  'dash.projects.keys.empty': 'Aucune clé dans ce mode pour le moment.',
  'dash.projects.keys.create.heading': 'Créer une clé',
  'dash.projects.keys.create.name': 'Nom',
  'dash.projects.keys.create.nameHint':
    'Pour vous permettre de la reconnaître, par exemple le serveur qui l’utilise.',
  'dash.projects.keys.create.nameError': 'Saisissez un nom de 1 à 100 caractères.',
  'dash.projects.keys.create.submit': 'Créer la clé',
  'dash.projects.keys.reveal.heading': 'Votre nouvelle clé « {name} »',
  'dash.projects.keys.reveal.once':
    'C’est la seule fois où la clé complète est affichée. Copiez-la maintenant et conservez-la en lieu sûr ; si vous la perdez, révoquez-la et créez-en une autre.',
  'dash.projects.keys.reveal.copy': 'Copier la clé',
  'dash.projects.keys.reveal.copied': 'Copiée',
  'dash.projects.keys.revoke.submit': 'Révoquer',
  'dash.projects.keys.revoke.submitLabel': 'Révoquer la clé « {name} »',
  'dash.projects.keys.revoke.confirm':
    'Révoquer la clé « {name} » ? Les requêtes qui l’utilisent sont refusées immédiatement.',
  'dash.projects.keys.revoked': 'La clé « {name} » a été révoquée. L’API la refuse désormais.',
};

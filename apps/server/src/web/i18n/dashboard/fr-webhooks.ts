// The dashboard's webhooks strings in French: endpoints, secrets, the delivery log (spread into fr.ts).
import type { enWebhooks } from './en-webhooks.ts';

export const frWebhooks: Readonly<Record<keyof typeof enWebhooks, string>> = {
  'dash.webhooks.title': 'Webhooks',
  'dash.webhooks.back': 'Tous les endpoints de webhook',
  'dash.webhooks.surface.poy': 'API POY',
  'dash.webhooks.surface.connect': 'API Connect',
  'dash.webhooks.status.pending': 'En attente',
  'dash.webhooks.status.succeeded': 'Livrée',
  'dash.webhooks.status.failed': 'Échouée',
  'dash.webhooks.enabled.yes': 'Activé',
  'dash.webhooks.enabled.no': 'Désactivé',
  'dash.webhooks.events.all': 'Tous les événements, y compris les types ajoutés ultérieurement',
  'dash.webhooks.latencyMs': '{ms} ms',

  'dash.webhooks.list.intro':
    'Les événements de ce projet dans ce mode sont envoyés à ces URL, signés avec un secret que seuls vous et POY connaissez. Les modes test et production ont des endpoints distincts.',
  'dash.webhooks.list.heading': 'Endpoints',
  'dash.webhooks.list.caption': 'Endpoints de webhook',
  'dash.webhooks.list.empty': 'Aucun endpoint de webhook dans ce mode pour le moment.',
  'dash.webhooks.list.surface': 'API',
  'dash.webhooks.list.url': 'URL',
  'dash.webhooks.list.events': 'Événements',
  'dash.webhooks.list.enabled': 'État',
  'dash.webhooks.list.health': 'Santé',
  'dash.webhooks.list.links': 'Liens',
  'dash.webhooks.list.details': 'Détails',
  'dash.webhooks.list.deliveries': 'Livraisons',

  'dash.webhooks.health.healthy': 'Opérationnel',
  'dash.webhooks.health.failing': 'En échec',
  'dash.webhooks.health.failingSince': 'toutes les tentatives échouent depuis',
  'dash.webhooks.health.disabled': 'Désactivé par un membre ou par l’API',
  'dash.webhooks.health.disabledFailing': 'Désactivé après 5 jours de livraisons en échec',
  'dash.webhooks.health.recent':
    'Dernières 24 heures : {succeeded} livrées, {failed} en échec, {pending} en attente',
  'dash.webhooks.health.noRecent': 'Aucune livraison au cours des dernières 24 heures',

  'dash.webhooks.create.heading': 'Ajouter un endpoint',
  'dash.webhooks.edit.heading': 'Modifier cet endpoint',
  'dash.webhooks.form.fix': 'Veuillez corriger les points suivants :',
  'dash.webhooks.form.surface': 'API',
  'dash.webhooks.form.url': 'URL',
  'dash.webhooks.form.urlHint':
    'Une adresse http ou https de votre serveur, sans nom d’utilisateur ni mot de passe.',
  'dash.webhooks.form.events': 'Événements',
  'dash.webhooks.form.eventsHint':
    'API POY : laissez toutes les cases décochées pour recevoir tous les événements, y compris les types ajoutés ultérieurement. API Connect : choisissez-en au moins un ; chaque événement choisi est envoyé à cette URL (qui remplace l’URL qu’il avait).',
  'dash.webhooks.form.poyEventsHint':
    'Laissez toutes les cases décochées pour recevoir tous les événements, y compris les types ajoutés ultérieurement.',
  'dash.webhooks.form.poyEvents': 'Événements de l’API POY',
  'dash.webhooks.form.connectEvents': 'Événements de l’API Connect',
  'dash.webhooks.form.enabled': 'Activé (un endpoint désactivé garde ses livraisons en attente)',
  'dash.webhooks.form.create': 'Ajouter l’endpoint',
  'dash.webhooks.form.save': 'Enregistrer les modifications',

  'dash.webhooks.error.surface': 'Choisissez l’API POY ou l’API Connect.',
  'dash.webhooks.error.url':
    'Saisissez l’URL à laquelle les événements sont envoyés (2048 caractères au maximum).',
  'dash.webhooks.error.urlRefused': 'Cette URL ne peut pas recevoir de webhooks : {reason}.',
  'dash.webhooks.error.eventUnknown': 'Choisissez des événements dans la liste.',
  'dash.webhooks.error.eventsOtherSurface': 'Choisissez uniquement des événements de l’{surface}.',
  'dash.webhooks.error.connectEvents': 'Choisissez au moins un événement de l’API Connect.',
  'dash.webhooks.error.date': 'Saisissez une date au format AAAA-MM-JJ.',
  'dash.webhooks.error.dateRequired': 'Saisissez une date.',
  'dash.webhooks.error.dateOrder': 'La première date ne doit pas être postérieure à la dernière.',
  'dash.webhooks.error.endpoint': 'Choisissez un endpoint dans la liste.',
  'dash.webhooks.error.status': 'Choisissez un statut dans la liste.',
  'dash.webhooks.error.before':
    'Ce lien de page ne fonctionne plus : repartez des livraisons les plus récentes.',

  'dash.webhooks.notice.created': 'Endpoint ajouté.',
  'dash.webhooks.notice.saved': 'Modifications enregistrées.',
  'dash.webhooks.notice.deleted': 'Endpoint supprimé, avec son journal de livraisons.',
  'dash.webhooks.notice.testSent':
    'Événement de test mis en file d’attente. Il est signé et livré comme tout autre événement ; rechargez la page pour voir ses tentatives.',
  'dash.webhooks.notice.replayed':
    'Livraison remise en file d’attente, avec le même webhook-id et le même corps. Rechargez la page pour voir la nouvelle tentative.',
  'dash.webhooks.notice.replayedFailed': 'Livraisons en échec remises en file d’attente : {count}.',

  'dash.webhooks.secret.revealHeading': 'Nouveau secret de signature pour {subject}',
  'dash.webhooks.secret.connectSubject': 'les destinations de l’API Connect de ce projet',
  'dash.webhooks.secret.revealOnce':
    'Copiez-le maintenant et conservez-le sur votre serveur : il n’est affiché que cette fois. Votre récepteur l’utilise pour vérifier que chaque événement provient de POY.',
  'dash.webhooks.secret.copy': 'Copier',
  'dash.webhooks.secret.copied': 'Copié',

  'dash.webhooks.connectSecret.heading': 'Secret de signature de l’API Connect',
  'dash.webhooks.connectSecret.explain':
    'Toutes les destinations de l’API Connect de ce projet dans ce mode sont signées avec ce secret unique. Il est affiché lors de sa création et de sa rotation, jamais autrement ; après une rotation, le secret précédent continue de signer en parallèle pendant 24 heures.',
  'dash.webhooks.connectSecret.none':
    'Il n’existe pas encore : il est créé avec la première destination de l’API Connect.',
  'dash.webhooks.connectSecret.created': 'Créé le',
  'dash.webhooks.connectSecret.rotated': 'dernière rotation',
  'dash.webhooks.connectSecret.create': 'Créer le secret',
  'dash.webhooks.connectSecret.rotate': 'Effectuer la rotation du secret',
  'dash.webhooks.connectSecret.rotateConfirm':
    'Remplacer le secret de signature de l’API Connect ? Le secret actuel continue de signer pendant 24 heures.',

  'dash.webhooks.endpoint.title': 'Endpoint de webhook',
  'dash.webhooks.endpoint.id': 'ID',
  'dash.webhooks.endpoint.created': 'Créé le',
  'dash.webhooks.endpoint.updated': 'Dernière modification',
  'dash.webhooks.endpoint.previousSecret': 'Le secret précédent signe jusqu’au',
  'dash.webhooks.endpoint.recentHeading': 'Livraisons récentes',
  'dash.webhooks.endpoint.allDeliveries': 'Toutes les livraisons de cet endpoint',
  'dash.webhooks.endpoint.secretHeading': 'Secret de signature',
  'dash.webhooks.endpoint.secretExplain':
    'Le secret a été affiché une seule fois, lors de l’ajout de l’endpoint. Une rotation en affiche un nouveau une seule fois ; le précédent continue de signer en parallèle pendant 24 heures.',
  'dash.webhooks.endpoint.connectSecret':
    'Les destinations de l’API Connect sont signées avec le secret du projet :',
  'dash.webhooks.endpoint.rotate': 'Effectuer la rotation du secret',
  'dash.webhooks.endpoint.rotateConfirm':
    'Remplacer le secret de signature de cet endpoint ? Le secret actuel continue de signer pendant 24 heures.',

  'dash.webhooks.test.heading': 'Envoyer un événement de test',
  'dash.webhooks.test.explainPoy':
    'Envoie un événement webhook.test à cet endpoint uniquement, signé et relancé comme tout autre événement.',
  'dash.webhooks.test.explainConnect':
    'Envoie un événement WEBHOOK_TEST à cette destination uniquement, signé et relancé comme tout autre événement.',
  'dash.webhooks.test.send': 'Envoyer l’événement de test',

  'dash.webhooks.delete.heading': 'Supprimer cet endpoint',
  'dash.webhooks.delete.explain':
    'Plus aucun événement ne lui est envoyé, et son journal de livraisons est supprimé avec lui.',
  'dash.webhooks.delete.confirm': 'Supprimer l’endpoint {url} et son journal de livraisons ?',
  'dash.webhooks.delete.submit': 'Supprimer l’endpoint',

  'dash.webhooks.deliveries.title': 'Livraisons',
  'dash.webhooks.deliveries.intro':
    'Tous les événements envoyés aux endpoints de ce projet dans ce mode, du plus récent au plus ancien, avec chaque tentative. Les dates sont en UTC.',
  'dash.webhooks.deliveries.heading': 'Journal de livraisons',
  'dash.webhooks.deliveries.caption': 'Livraisons de webhooks',
  'dash.webhooks.deliveries.none': 'Aucune livraison ne correspond.',
  'dash.webhooks.deliveries.created': 'Créée le',
  'dash.webhooks.deliveries.event': 'Événement',
  'dash.webhooks.deliveries.endpoint': 'Endpoint',
  'dash.webhooks.deliveries.status': 'Statut',
  'dash.webhooks.deliveries.attempts': 'Tentatives',
  'dash.webhooks.deliveries.lastStatus': 'Dernier statut HTTP',
  'dash.webhooks.deliveries.latency': 'Latence',
  'dash.webhooks.deliveries.links': 'Liens',
  'dash.webhooks.deliveries.view': 'Détails',
  'dash.webhooks.deliveries.older': 'Livraisons plus anciennes',
  'dash.webhooks.deliveries.back': 'Le journal de livraisons',

  'dash.webhooks.filters.heading': 'Filtres',
  'dash.webhooks.filters.allEndpoints': 'Tous les endpoints',
  'dash.webhooks.filters.allEvents': 'Tous les événements',
  'dash.webhooks.filters.allStatuses': 'Tous les statuts',
  'dash.webhooks.filters.from': 'Du (date UTC)',
  'dash.webhooks.filters.to': 'Au (date UTC, incluse)',
  'dash.webhooks.filters.apply': 'Filtrer',
  'dash.webhooks.filters.clear': 'Effacer les filtres',

  'dash.webhooks.replayFailed.heading': 'Relancer les livraisons en échec',
  'dash.webhooks.replayFailed.explain':
    'Toutes les livraisons en échec créées entre ces dates (UTC, incluses) sont renvoyées immédiatement, avec le même webhook-id et le même corps.',
  'dash.webhooks.replayFailed.confirm': 'Renvoyer toutes les livraisons en échec de ces dates ?',
  'dash.webhooks.replayFailed.submit': 'Relancer les livraisons en échec',

  'dash.webhooks.delivery.title': 'Livraison',
  'dash.webhooks.delivery.id': 'ID (webhook-id)',
  'dash.webhooks.delivery.completed': 'Terminée le',
  'dash.webhooks.delivery.nextAttempt': 'Prochaine tentative',
  'dash.webhooks.delivery.body': 'Corps envoyé',
  'dash.webhooks.replay.submit': 'Relancer',
  'dash.webhooks.replay.explain': 'La renvoie immédiatement, avec le même webhook-id et le même corps.',

  'dash.webhooks.attempts.heading': 'Tentatives',
  'dash.webhooks.attempts.none': 'Aucune tentative pour le moment.',
  'dash.webhooks.attempts.number': 'Tentative',
  'dash.webhooks.attempts.time': 'Heure',
  'dash.webhooks.attempts.httpStatus': 'Statut HTTP',
  'dash.webhooks.attempts.error': 'Erreur',
  'dash.webhooks.attempts.response': 'Réponse (premiers octets)',
};

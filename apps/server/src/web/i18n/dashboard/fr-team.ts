// The dashboard's team and audit log strings in French (spread into fr.ts).
import type { enTeam } from './en-team.ts';

export const frTeam: Readonly<Record<keyof typeof enTeam, string>> = {
  'dash.team.title': 'Équipe',
  'dash.team.members.heading': 'Membres',
  'dash.team.members.caption': 'Membres de {account}',
  'dash.team.column.name': 'Nom',
  'dash.team.column.role': 'Rôle',
  'dash.team.column.joined': 'Arrivée (UTC)',
  'dash.team.column.actions': 'Retirer',
  'dash.team.column.invited': 'Invitation (UTC)',
  'dash.team.column.expires': 'Lien valable jusqu’au (UTC)',
  'dash.team.you': 'Vous',
  'dash.team.roleOf': 'Rôle de {name}',
  'dash.team.changeRole': 'Changer le rôle',
  'dash.team.forMember': 'de {name}',
  'dash.team.remove': 'Retirer',
  'dash.team.confirmRemove': 'Retirer {name} de ce compte ? Ses sessions prennent fin immédiatement.',
  'dash.team.confirmRemoveSelf':
    'Vous retirer vous-même ({name}) de ce compte ? Vous serez déconnecté et ne pourrez pas revenir sans nouvelle invitation.',
  'dash.team.lastOwnerHint':
    'Ce compte n’a qu’un seul propriétaire. Nommez un autre membre propriétaire avant que ce propriétaire puisse changer de rôle ou partir.',
  'dash.team.invite.heading': 'Inviter quelqu’un',
  'dash.team.invite.cli':
    'Depuis un shell sur le serveur, la même invitation s’obtient avec {command} (sur la base de données intégrée, serveur arrêté).',
  'dash.team.invite.intro':
    'Une invitation est un lien qui ne fonctionne qu’une fois, pendant 7 jours. La personne qui l’ouvre rejoint le compte avec le rôle que vous choisissez et enregistre une clé d’accès. Envoyez-le vous-même à la personne.',
  'dash.team.invite.name': 'Nom de la personne (facultatif)',
  'dash.team.invite.nameHint': 'La personne pourra le modifier en ouvrant le lien.',
  'dash.team.invite.role': 'Rôle',
  'dash.team.invite.submit': 'Créer un lien d’invitation',
  'dash.team.invites.heading': 'Invitations en cours',
  'dash.team.invites.caption': 'Liens d’invitation pas encore utilisés',
  'dash.team.invites.empty': 'Aucun lien d’invitation n’attend d’être utilisé.',
  'dash.team.invites.noName': 'Aucun nom indiqué',
  'dash.team.newInvite.title': 'Le lien d’invitation, affiché cette seule fois :',
  'dash.team.newInvite.copy': 'Copier le lien',
  'dash.team.newInvite.copied': 'Copié',
  'dash.team.newInvite.body':
    'Il ne fonctionne qu’une fois, jusqu’au {time}. Copiez-le maintenant : il ne sera plus affiché, et il n’est stocké nulle part où nous pourrions le relire.',
  'dash.team.notice.roleChanged': 'Le rôle a été modifié.',
  'dash.team.notice.removed': 'Le membre a été retiré ; ses sessions ont pris fin.',
  'dash.team.error.role': 'Choisissez un rôle dans la liste. Rien n’a été modifié.',
  'dash.team.error.name': 'Un nom compte 100 caractères au maximum. Rien n’a été modifié.',
  'dash.team.error.lastOwner':
    'Le compte doit conserver au moins un propriétaire. Nommez d’abord un autre membre propriétaire. Rien n’a été modifié.',
  'dash.team.roles.heading': 'Ce que chaque rôle peut faire',
  'dash.team.roleDescription.owner':
    'Tout, y compris nommer et retirer des propriétaires et des administrateurs.',
  'dash.team.roleDescription.admin':
    'Tout sauf modifier les propriétaires : projets et paramètres, clés, webhooks, vérifications et révisions, membres et journal d’audit.',
  'dash.team.roleDescription.developer':
    'Créer et révoquer des clés d’API, gérer les webhooks et relancer des livraisons, et consulter tout le reste.',
  'dash.team.roleDescription.viewer':
    'Consulter les projets, les clés (leurs préfixes), les webhooks, les vérifications et l’utilisation ; ne rien modifier.',
  'dash.audit.title': 'Journal d’audit',
  'dash.audit.intro':
    'Toutes les modifications de ce compte effectuées dans le tableau de bord, via l’API ou avec la commande poy : qui les a faites, de quoi il s’agissait, quand et d’où. Les secrets ne sont jamais enregistrés.',
  'dash.audit.filter.heading': 'Filtrer le journal',
  'dash.audit.filter.actor': 'Effectuée par',
  'dash.audit.filter.anyone': 'N’importe qui',
  'dash.audit.filter.action': 'Action',
  'dash.audit.filter.actionHint':
    'Le début d’un nom d’action, par exemple api_key. pour toute modification de clé, ou webhook_endpoint.created.',
  'dash.audit.filter.project': 'Projet',
  'dash.audit.filter.anyProject': 'Tout projet, et le compte lui-même',
  'dash.audit.filter.from': 'Du (jour UTC)',
  'dash.audit.filter.to': 'Au (jour UTC, inclus)',
  'dash.audit.filter.apply': 'Afficher',
  'dash.audit.filter.clear': 'Effacer les filtres',
  'dash.audit.actor.member': 'Membre',
  'dash.audit.actor.apiKey': 'Clé d’API',
  'dash.audit.actor.cli': 'Ligne de commande',
  'dash.audit.actor.system': 'Le service',
  'dash.audit.caption': 'Modifications, de la plus récente à la plus ancienne',
  'dash.audit.column.when': 'Quand (UTC)',
  'dash.audit.column.who': 'Qui',
  'dash.audit.column.what': 'Quoi',
  'dash.audit.column.target': 'Élément modifié',
  'dash.audit.column.project': 'Projet',
  'dash.audit.column.from': 'Adresse d’origine',
  'dash.audit.account': 'Le compte',
  'dash.audit.noAddress': '—',
  'dash.audit.empty': 'Aucune modification ne correspond à ces filtres.',
  'dash.audit.pages': 'Pages du journal',
  'dash.audit.newest': 'Modifications les plus récentes',
  'dash.audit.older': 'Modifications plus anciennes',
  'dash.audit.invalid': 'Ces filtres n’ont pas pu être utilisés ; rien n’est donc affiché :',
  'dash.audit.error.actor': 'Choisissez dans la liste l’auteur de la modification.',
  'dash.audit.error.action':
    'Une action s’écrit en lettres minuscules, points et tirets bas, 64 caractères au maximum.',
  'dash.audit.error.project': 'Choisissez un projet de ce compte dans la liste.',
  'dash.audit.error.day': 'Indiquez un jour au format AAAA-MM-JJ.',
  'dash.audit.error.range': 'Le dernier jour précède le premier.',
  'dash.audit.error.before':
    'Ce lien de page n’est pas valide. Repartez des modifications les plus récentes.',
};

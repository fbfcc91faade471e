// The dashboard's auth strings in French: sign-in, one-time links, sessions, refusals (spread into fr.ts).
import type { enAuth } from './en-auth.ts';

export const frAuth: Readonly<Record<keyof typeof enAuth, string>> = {
  'dash.auth.refusal.badRequest.title': 'Cette requête n’a pas pu être utilisée',
  'dash.auth.refusal.badRequest.body':
    'Un élément manquait ou n’était pas valide. Revenez en arrière et réessayez.',
  'dash.auth.refusal.signedOut.title': 'Vous êtes déconnecté',
  'dash.auth.refusal.signedOut.body':
    'Votre session a pris fin (elle expire après 30 minutes d’inactivité, et au bout de 12 heures). Reconnectez-vous.',
  'dash.auth.refusal.forbidden.title': 'Action non autorisée',
  'dash.auth.refusal.forbidden.body':
    'Votre rôle dans ce compte ne le permet pas. Adressez-vous à un propriétaire ou à un administrateur.',
  'dash.auth.refusal.forgery.title': 'Requête refusée',
  'dash.auth.refusal.forgery.body':
    'Cette requête ne provient pas d’une page du tableau de bord que nous vous avons envoyée ; rien n’a donc été modifié. Rechargez la page et réessayez.',
  'dash.auth.refusal.notFound.title': 'Introuvable',
  'dash.auth.refusal.notFound.body': 'Il n’y a rien ici, ou cela appartient à un autre compte.',
  'dash.auth.refusal.tooMany.title': 'Trop de tentatives',
  'dash.auth.refusal.tooMany.body': 'Patientez quelques minutes, puis réessayez.',
  'dash.auth.refusal.internal.title': 'Une erreur s’est produite',
  'dash.auth.refusal.internal.body': 'Le problème a été consigné. Réessayez dans un instant.',

  'dash.auth.noscript':
    'Les clés d’accès nécessitent JavaScript. Activez-le, ou ouvrez cette page dans un autre navigateur.',
  'dash.auth.login.title': 'Se connecter au tableau de bord',
  'dash.auth.login.intro':
    'Utilisez la clé d’accès que vous avez créée en ouvrant votre lien de connexion ou d’invitation. Ni mot de passe, ni nom d’utilisateur.',
  'dash.auth.login.button': 'Se connecter avec une clé d’accès',
  'dash.auth.login.noPasskey':
    'Pas encore de clé d’accès ? Demandez un lien d’invitation à un propriétaire ou à un administrateur de votre compte. Sur un nouveau serveur, utilisez le lien de connexion qu’il a affiché lors de son premier démarrage.',
  'dash.auth.login.signedOut': 'Vous êtes déconnecté.',

  'dash.auth.link.title': 'Rejoindre {accountName}',
  'dash.auth.link.firstOwnerIntro':
    'Vous êtes le premier propriétaire de {accountName}. Saisissez votre nom et créez une clé d’accès : c’est avec elle que vous vous connecterez désormais.',
  'dash.auth.link.inviteIntro':
    'Vous êtes invité à rejoindre {accountName} avec le rôle {role}. Saisissez votre nom et créez une clé d’accès : c’est avec elle que vous vous connecterez désormais.',
  'dash.auth.link.expiresAt': 'Ce lien ne fonctionne qu’une fois, jusqu’au {time}.',
  'dash.auth.link.nameLabel': 'Votre nom',
  'dash.auth.link.nameHint':
    'Votre équipe le voit, et le journal d’audit l’inscrit à côté de chacune de vos actions.',
  'dash.auth.link.button': 'Créer une clé d’accès et se connecter',
  'dash.auth.link.unknown.title': 'Ce lien ne fonctionne pas',
  'dash.auth.link.unknown.body':
    'Il est peut-être mal saisi. Demandez-en un nouveau à la personne qui vous l’a envoyé.',
  'dash.auth.link.used.title': 'Ce lien a déjà été utilisé',
  'dash.auth.link.used.body':
    'Un lien ne fonctionne qu’une fois. Si vous avez créé une clé d’accès avec celui-ci, connectez-vous avec cette clé ; sinon, demandez une nouvelle invitation.',
  'dash.auth.link.expired.title': 'Ce lien a expiré',
  'dash.auth.link.expired.body':
    'Demandez une nouvelle invitation à un propriétaire ou à un administrateur du compte.',

  'dash.auth.ceremony.challengeInvalid':
    'La demande de clé d’accès a pris trop de temps ou a déjà reçu une réponse. Réessayez.',
  'dash.auth.ceremony.passkeyInvalid': 'La clé d’accès n’a pas pu être vérifiée. Réessayez.',
  'dash.auth.ceremony.passkeyUnknown':
    'Cette clé d’accès n’est pas enregistrée pour ce tableau de bord. Utilisez celle que vous avez créée avec votre lien, ou demandez une invitation.',
  'dash.auth.ceremony.credentialExists':
    'Cette clé d’accès est déjà enregistrée ici. Connectez-vous plutôt avec elle.',
  'dash.auth.ceremony.memberRemoved': 'Vous n’êtes plus membre de ce compte.',

  'dash.auth.client.waiting': 'En attente de votre clé d’accès…',
  'dash.auth.client.signedIn': 'Connecté. Ouverture du tableau de bord…',
  'dash.auth.client.cancelled': 'La demande de clé d’accès a été fermée. Réessayez lorsque vous serez prêt.',
  'dash.auth.client.alreadyRegistered':
    'Cet appareil possède déjà une clé d’accès pour ce tableau de bord. Connectez-vous plutôt avec elle.',
  'dash.auth.client.unsupported':
    'Ce navigateur ne prend pas en charge les clés d’accès. Utilisez une version récente de Chrome, Edge, Firefox ou Safari.',
  'dash.auth.client.nameRequired': 'Saisissez votre nom.',
  'dash.auth.client.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
  'dash.auth.client.failed': 'Cela n’a pas fonctionné. Réessayez.',

  'dash.auth.security.title': 'Sessions',
  'dash.auth.security.intro':
    'Les endroits où vous êtes connecté. Une session prend fin après 30 minutes d’inactivité, et 12 heures après la connexion.',
  'dash.auth.security.caption': 'Vos sessions',
  'dash.auth.security.col.browser': 'Navigateur',
  'dash.auth.security.col.started': 'Connexion',
  'dash.auth.security.col.lastSeen': 'Dernière utilisation',
  'dash.auth.security.thisSession': 'Cette session',
  'dash.auth.security.unknownBrowser': 'Navigateur inconnu',
  'dash.auth.security.signOutHeading': 'Déconnexion',
  'dash.auth.security.signOut': 'Fermer cette session',
  'dash.auth.security.signOutEverywhere': 'Se déconnecter partout',
  'dash.auth.security.signOutEverywhereHint':
    'Met fin à toutes vos sessions sur tous les appareils, y compris celle-ci. À utiliser si vous avez perdu un appareil ou si vous vous êtes connecté sur un ordinateur partagé.',
  'dash.auth.security.confirmEverywhere': 'Fermer toutes les sessions, sur tous les appareils ?',
};

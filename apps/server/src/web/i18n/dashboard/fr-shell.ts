// The dashboard's frame in French: navigation, project and mode switch, account menu (spread into fr.ts).
import type { enShell } from './en-shell.ts';

export const frShell: Readonly<Record<keyof typeof enShell, string>> = {
  'dash.skipToContent': 'Aller au contenu',
  'dash.title': 'Tableau de bord',
  'dash.nav.label': 'Tableau de bord',
  'dash.nav.project': 'Projet',
  'dash.nav.account': 'Compte',
  'dash.nav.overview': 'Utilisation',
  'dash.nav.keys': 'Clés d’API',
  'dash.nav.webhooks': 'Webhooks',
  'dash.nav.deliveries': 'Livraisons',
  'dash.nav.verifications': 'Vérifications',
  'dash.nav.reviews': 'File de révision',
  'dash.nav.settings': 'Paramètres',
  'dash.nav.projects': 'Projets',
  'dash.nav.team': 'Équipe',
  'dash.nav.audit': 'Journal d’audit',
  'dash.nav.security': 'Sessions',
  'dash.mode.label': 'Données affichées',
  'dash.mode.live': 'Production',
  'dash.mode.test': 'Test',
  'dash.mode.testBanner':
    'Mode test : vous consultez des données de test. Rien ici n’affecte de vraies personnes.',
  'dash.project.switch': 'Changer de projet',
  'dash.member.signedInAs': 'Connecté en tant que {name} ({role})',
  'dash.role.owner': 'Propriétaire',
  'dash.role.admin': 'Administrateur',
  'dash.role.developer': 'Développeur',
  'dash.role.viewer': 'Lecteur',
  'dash.signOut': 'Se déconnecter',
  'dash.error.back': 'Retour au tableau de bord',
};

// The dashboard's frame in Spanish: navigation, project and mode switch, account menu (spread into es.ts).
import type { enShell } from './en-shell.ts';

export const esShell: Readonly<Record<keyof typeof enShell, string>> = {
  'dash.skipToContent': 'Saltar al contenido',
  'dash.title': 'Panel',
  'dash.nav.label': 'Panel',
  'dash.nav.project': 'Proyecto',
  'dash.nav.account': 'Cuenta',
  'dash.nav.overview': 'Uso',
  'dash.nav.keys': 'Claves de API',
  'dash.nav.webhooks': 'Webhooks',
  'dash.nav.deliveries': 'Entregas',
  'dash.nav.verifications': 'Verificaciones',
  'dash.nav.reviews': 'Cola de revisión',
  'dash.nav.settings': 'Configuración',
  'dash.nav.projects': 'Proyectos',
  'dash.nav.team': 'Equipo',
  'dash.nav.audit': 'Registro de auditoría',
  'dash.nav.security': 'Sesiones',
  'dash.mode.label': 'Datos mostrados',
  'dash.mode.live': 'Producción',
  'dash.mode.test': 'Prueba',
  'dash.mode.testBanner':
    'Modo de prueba: está viendo datos de prueba. Nada de esto afecta a personas reales.',
  'dash.project.switch': 'Cambiar de proyecto',
  'dash.member.signedInAs': 'Sesión iniciada como {name} ({role})',
  'dash.role.owner': 'Propietario',
  'dash.role.admin': 'Administrador',
  'dash.role.developer': 'Desarrollador',
  'dash.role.viewer': 'Lector',
  'dash.signOut': 'Cerrar sesión',
  'dash.error.back': 'Volver al panel',
};

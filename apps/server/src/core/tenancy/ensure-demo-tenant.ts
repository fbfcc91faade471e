import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createApiKey } from '../keys/create-api-key.ts';
import { createAccount } from './create-account.ts';
import { createProject } from './create-project.ts';

export interface DemoTenant {
  accountId: string;
  projectId: string;
  projectPublicId: string;
  testKey: string;
}

/**
 * On an empty database, creates a demo account, project and test key so a first `npm start` can be
 * tried at once. Returns null when the database already has accounts (nothing is created).
 */
export async function ensureDemoTenant(deps: { store: Store; clock: Clock }): Promise<DemoTenant | null> {
  if ((await deps.store.countAccounts()) > 0) return null;
  const account = await createAccount(deps, { name: 'Demo account' });
  const created = await createProject(deps, {
    accountId: account.id,
    name: 'Demo project',
    publicId: 'demo',
  });
  if (!created.ok) throw new Error(`Could not create the demo project: ${created.reason}`);
  const key = await createApiKey(deps, {
    projectId: created.project.id,
    mode: 'test',
    name: 'Demo test key',
  });
  if (!key) throw new Error('Could not create the demo key');
  return {
    accountId: account.id,
    projectId: created.project.id,
    projectPublicId: created.project.publicId,
    testKey: key.secret,
  };
}

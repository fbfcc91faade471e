// The Store conformance suite: every method of the Store interface, run against a real database of
// each kind (store.pglite.test.ts, store.postgres.test.ts). Its parts, one per domain, live in
// store-suite/ and run here in one fixed order on one store per file. Tests share that store but
// never state: each makes its own account, project, keys and challenge tokens with fresh random ids.
import { after, before, describe } from 'node:test';
import type { Store } from '../src/store/store.ts';
import type { StoreKind, TestStore } from './harness.ts';
import { describeApiKeys } from './store-suite/api-keys.ts';
import { describeAssurancePolicy } from './store-suite/assurance-policy.ts';
import { describeAudit } from './store-suite/audit.ts';
import { describeBasics } from './store-suite/basics.ts';
import { describeChallenges } from './store-suite/challenges.ts';
import { describeConnectUsers } from './store-suite/connect-users.ts';
import { describeDeliveryLog } from './store-suite/delivery-log.ts';
import { describeFaceTemplates } from './store-suite/face-templates.ts';
import { describeHumans } from './store-suite/humans.ts';
import { describeInviteBinding } from './store-suite/invite-binding.ts';
import { describeKeyInvalidations } from './store-suite/key-invalidations.ts';
import { describeMembers } from './store-suite/members.ts';
import { describeOutbox } from './store-suite/outbox.ts';
import { describeRaces } from './store-suite/races.ts';
import { describeScopeMemberships } from './store-suite/scope-memberships.ts';
import { describeSessionInvalidations } from './store-suite/session-invalidations.ts';
import { describeStamps } from './store-suite/stamps.ts';
import { openTestStore, SKIP_POSTGRES_REASON, type SuiteContext } from './store-suite/suite-context.ts';
import { describeTeam } from './store-suite/team.ts';
import { describeTenancy } from './store-suite/tenancy.ts';
import { describeTransactions } from './store-suite/transactions.ts';
import { describeUsage } from './store-suite/usage.ts';
import { describeVelocityCounts } from './store-suite/velocity-counts.ts';
import { describeVerificationSearch } from './store-suite/verification-search.ts';
import { describeVerificationSessions } from './store-suite/verification-sessions.ts';
import { describeWebhookQueue } from './store-suite/webhook-queue.ts';

export { explainPostgresFailure, SKIP_POSTGRES_REASON } from './store-suite/suite-context.ts';

export function runStoreSuite(kind: StoreKind): void {
  const skip = kind === 'postgres' ? SKIP_POSTGRES_REASON : undefined;

  describe(`Store conformance (${kind})`, { skip }, () => {
    let testStore: TestStore | undefined;

    /** The store opened in `before`; throws (failing the test) if opening it failed. */
    const store = (): Store => {
      if (!testStore) throw new Error('The test store was not opened (see the before hook failure)');
      return testStore.store;
    };

    before(async () => {
      testStore = await openTestStore(kind);
    });

    after(async () => {
      await testStore?.close();
    });

    // In this order: some parts rely on tests of one file running one after another (counts, sweeps).
    const context: SuiteContext = { kind, store };
    describeBasics(context);
    describeTenancy(context);
    describeApiKeys(context);
    describeChallenges(context);
    describeKeyInvalidations(context);
    describeRaces(context);
    describeHumans(context);
    describeConnectUsers(context);
    describeVerificationSessions(context);
    describeInviteBinding(context);
    describeScopeMemberships(context);
    describeOutbox(context);
    describeStamps(context);
    describeTransactions(context);
    describeSessionInvalidations(context);
    describeWebhookQueue(context);
    describeDeliveryLog(context);
    describeAudit(context);
    describeUsage(context);
    describeTeam(context);
    describeFaceTemplates(context);
    describeAssurancePolicy(context);
    describeVelocityCounts(context);
    describeMembers(context);
    describeVerificationSearch(context);
  });
}

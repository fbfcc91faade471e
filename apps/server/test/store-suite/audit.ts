// The audit log: append, then read one account's events newest first with filters and pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { NewAuditEvent } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeAudit({ store }: SuiteContext): void {
  describe('audit events', () => {
    function event(accountId: string, overrides: Partial<NewAuditEvent>): NewAuditEvent {
      return {
        id: createId('aud'),
        accountId,
        projectId: null,
        mode: null,
        actorKind: 'member',
        actorId: createId('mem'),
        actorLabel: 'Ada',
        action: 'api_key.created',
        targetKind: 'api_key',
        targetId: createId('key'),
        details: { name: 'ci', mode: 'live' },
        ip: '203.0.113.9',
        createdAt: at(0),
        ...overrides,
      };
    }

    it('keeps every field and reads newest first, within one account only', async () => {
      const { account, project } = await createTenant(store());
      const other = await createTenant(store());
      const first = event(account.id, { projectId: project.id, mode: 'test', createdAt: at(1) });
      const second = event(account.id, { action: 'webhook_endpoint.created', createdAt: at(2), details: {} });
      await store().insertAuditEvent(first);
      await store().insertAuditEvent(second);
      await store().insertAuditEvent(event(other.account.id, { createdAt: at(3) }));
      const listed = await store().listAuditEvents({ accountId: account.id, limit: 10 });
      assert.deepEqual(listed, [second, first]);
    });

    it('filters by project, actor kind, action prefix and time, and pages by keyset', async () => {
      const { account, project } = await createTenant(store());
      const events = [
        event(account.id, { projectId: project.id, createdAt: at(10) }),
        event(account.id, { actorKind: 'cli', actorId: null, action: 'api_key.revoked', createdAt: at(20) }),
        event(account.id, { action: 'apixkey.created', createdAt: at(30) }),
        event(account.id, { action: 'member.invited', createdAt: at(40) }),
      ];
      for (const each of events) await store().insertAuditEvent(each);
      const ids = (list: { id: string }[]) => list.map((each) => each.id);
      const q = { accountId: account.id, limit: 10 };
      assert.deepEqual(ids(await store().listAuditEvents({ ...q, projectId: project.id })), [events[0]?.id]);
      assert.deepEqual(ids(await store().listAuditEvents({ ...q, actorKind: 'cli' })), [events[1]?.id]);
      // `_` in the prefix is literal: `apixkey.created` does not match `api_key.`.
      assert.deepEqual(ids(await store().listAuditEvents({ ...q, actionPrefix: 'api_key.' })), [
        events[1]?.id,
        events[0]?.id,
      ]);
      assert.deepEqual(ids(await store().listAuditEvents({ ...q, since: at(20), until: at(40) })), [
        events[2]?.id,
        events[1]?.id,
      ]);
      const firstPage = await store().listAuditEvents({ ...q, limit: 2 });
      const last = firstPage.at(-1);
      assert.ok(last);
      const secondPage = await store().listAuditEvents({ ...q, limit: 2, before: last });
      assert.deepEqual(ids([...firstPage, ...secondPage]), ids([...events].reverse()));
    });
  });
}

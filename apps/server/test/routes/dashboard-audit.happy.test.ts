// The audit log page: who, what, what it touched, when and from where, newest first; filters by actor
// kind, action prefix, project and days; keyset pages that keep the filters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AuditActor, recordAuditEvent } from '../../src/core/audit/record-audit-event.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { AUDIT_PAGE_SIZE } from '../../src/http/routes/dashboard/audit-filters.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from '../support/dashboard-session.ts';

const START = new Date('2031-06-01T09:00:00.000Z');

/** The action codes of the listed rows, in order. */
function listedActions(page: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page)?.[1] ?? '';
  return [...body.matchAll(/<td><code class="audit-action">([^<]+)<\/code>/g)].map((match) => match[1] ?? '');
}

describe('dashboard audit log: happy paths', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  let owner: DashboardTestSession;
  const keyActor: AuditActor = {
    kind: 'api_key',
    keyId: 'key_A1',
    displayPrefix: 'poy_live_abcd',
    ip: '203.0.113.7',
  };

  before(async () => {
    harness = await createTestApp({ clock: new ManualClock(START), faceAnalyzer: null });
    tenant = await createTestTenant(harness);
    const record = async (actor: AuditActor, action: string, projectId: string | null, details = {}) => {
      harness.clock.advanceBy(60_000);
      await recordAuditEvent(harness.store, harness.clock, actor, {
        accountId: tenant.project.accountId,
        projectId,
        mode: projectId === null ? null : 'live',
        action,
        target: { kind: action.split('.')[0] ?? 'thing', id: `${action}-target` },
        details,
      });
    };
    await record(keyActor, 'webhook_endpoint.created', tenant.project.id, { host: 'hooks.example.com' });
    await record({ kind: 'cli' }, 'api_key.created', tenant.project.id, { name: 'backend' });
    await record(
      { kind: 'member', memberId: 'mem_Ada', displayName: 'Ada Owner', ip: '198.51.100.4' },
      'member.invited',
      null,
      { role: 'developer' },
    );
    // A day later.
    harness.clock.advanceBy(86_400_000);
    await record({ kind: 'cli' }, 'api_key.revoked', tenant.project.id);
    // Signed in now: a session opened before the day passed would have gone idle.
    owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
  });
  after(async () => {
    await harness.close();
  });

  it('lists every change of the account, newest first, with who, what, target, when and where', async () => {
    const response = await getDashboardPage(harness.app, '/dashboard/audit', owner);
    assert.equal(response.statusCode, 200, response.body);
    const page = response.body;
    // The account's own creation (by POY, when the tenant was made) is the oldest.
    assert.deepEqual(listedActions(page), [
      'api_key.revoked',
      'member.invited',
      'api_key.created',
      'webhook_endpoint.created',
      'account.created',
    ]);
    assert.match(page, /<caption id="audit-caption">Changes, newest first<\/caption>/);
    assert.match(page, /poy_live_abcd<br><span class="tag">API key<\/span>/);
    assert.match(page, /poy \(command line\)<br><span class="tag">Command line<\/span>/);
    assert.match(page, /Ada Owner<br><span class="tag">Member<\/span>/);
    assert.match(page, /<td>203\.0\.113\.7<\/td>/);
    assert.match(page, /<li><code>host<\/code>: hooks\.example\.com<\/li>/);
    assert.match(page, /<time datetime="2031-06-01T09:01:00\.000Z">2031-06-01 09:01:00 UTC<\/time>/);
    assert.match(page, /webhook_endpoint <code>webhook_endpoint\.created-target<\/code>/);
    assert.ok(page.includes(`<td>${tenant.project.name} <span class="tag">Live</span></td>`));
    assert.match(page, /<td>The account<\/td>/);
  });

  it('filters by who, action prefix, project and days, and shows the filters back', async () => {
    const list = async (query: string) => {
      const response = await getDashboardPage(harness.app, `/dashboard/audit?${query}`, owner);
      assert.equal(response.statusCode, 200, response.body);
      return response.body;
    };
    assert.deepEqual(listedActions(await list('actor=cli')), ['api_key.revoked', 'api_key.created']);
    assert.deepEqual(listedActions(await list('action=api_key.')), ['api_key.revoked', 'api_key.created']);
    assert.deepEqual(listedActions(await list(`project=${tenant.project.id}&actor=api_key`)), [
      'webhook_endpoint.created',
    ]);
    assert.deepEqual(listedActions(await list('from=2031-06-02&to=2031-06-02')), ['api_key.revoked']);
    assert.deepEqual(listedActions(await list('from=2031-06-01&to=2031-06-01&action=member.')), [
      'member.invited',
    ]);
    const shown = await list('actor=cli&action=api_key.&from=2031-06-01');
    assert.match(shown, /<option value="cli" selected>/);
    assert.match(shown, /<input name="action" class="audit-filter-field" value="api_key\."/);
    assert.match(shown, /<input type="date" name="from" class="audit-filter-field" value="2031-06-01"/);
    assert.match(await list('action=nothing.like.this'), /No change matches these filters\./);
  });

  it('pages through a long log by keyset, keeping the filters', async () => {
    const busy = await createTestTenant(harness);
    const admin = await signInMember(harness.app, { accountId: busy.project.accountId, role: 'admin' });
    for (let index = 0; index < AUDIT_PAGE_SIZE + 5; index++) {
      await recordAuditEvent(
        harness.store,
        harness.clock,
        { kind: 'cli' },
        {
          accountId: busy.project.accountId,
          projectId: busy.project.id,
          action: 'project.updated',
          details: { index },
        },
      );
    }
    const first = await getDashboardPage(harness.app, '/dashboard/audit?action=project.', admin);
    assert.equal(listedActions(first.body).length, AUDIT_PAGE_SIZE);
    const older = /<a href="\/dashboard\/audit\?([^"]+)" rel="next">/.exec(first.body)?.[1];
    assert.ok(older, 'a link to older changes');
    const query = older.replaceAll('&amp;', '&');
    assert.match(query, /action=project\./);
    const second = await getDashboardPage(harness.app, `/dashboard/audit?${query}`, admin);
    assert.equal(second.statusCode, 200, second.body);
    // The rest: five project.updated events (the account's creation does not match the filter).
    assert.equal(listedActions(second.body).length, 5);
    assert.ok(!second.body.includes('rel="next"'));
    assert.match(second.body, /<a href="\/dashboard\/audit\?action=project\.">Newest changes<\/a>/);
    const firstIndexes = [...first.body.matchAll(/<code>index<\/code>: (\d+)/g)].map((m) => m[1]);
    const secondIndexes = [...second.body.matchAll(/<code>index<\/code>: (\d+)/g)].map((m) => m[1]);
    assert.equal(new Set([...firstIndexes, ...secondIndexes]).size, AUDIT_PAGE_SIZE + 5);
  });
});

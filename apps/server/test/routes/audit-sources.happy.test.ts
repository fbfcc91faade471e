// Changes made through the POY and Connect APIs reach the account's audit log with the key as the
// actor (its id and display prefix, the client address), in the change's transaction, and never with
// a secret: webhook endpoints and their secrets on both surfaces, review decisions, Connect revoke and
// delete (docs/dashboard.md §8). The owner then reads them on the audit page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditEvent } from '../../src/store/store.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { getDashboardPage, signInMember } from '../support/dashboard-session.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';
import {
  CONNECT_CREATE_OR_EDIT,
  CONNECT_DELETE,
  CONNECT_ROTATE,
  poyRequest,
  WEBHOOKS,
} from './webhook-helpers.ts';

const SECRET = /whsec_[A-Za-z0-9+/=_-]+/g;

describe('audit events from the APIs', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  /** Every secret an API answer showed, to look for in the log. */
  const secrets: string[] = [];

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    tenant = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  const eventsOf = (accountId: string, actionPrefix: string): Promise<AuditEvent[]> =>
    harness.store.listAuditEvents({ accountId, actionPrefix, limit: 50 });
  const keyPrefix = async (keyId: string) => (await harness.store.findApiKeyById(keyId))?.displayPrefix;

  it('records POY webhook endpoint changes by the key, with the host only and no secret', async () => {
    const created = await poyRequest(harness, tenant.liveKey, 'POST', WEBHOOKS, {
      url: 'https://hooks.example.com/poy/T0KEN-in-path?token=abc',
    });
    assert.equal(created.statusCode, 201, created.body);
    const endpointId = String(created.json.id);
    secrets.push(...(created.body.match(SECRET) ?? []));
    const rotated = await poyRequest(
      harness,
      tenant.liveKey,
      'POST',
      `${WEBHOOKS}/${endpointId}/rotate-secret`,
    );
    assert.equal(rotated.statusCode, 200, rotated.body);
    secrets.push(...(rotated.body.match(SECRET) ?? []));
    assert.equal(
      (await poyRequest(harness, tenant.liveKey, 'PATCH', `${WEBHOOKS}/${endpointId}`, { enabled: false }))
        .statusCode,
      200,
    );
    assert.equal(
      (await poyRequest(harness, tenant.liveKey, 'DELETE', `${WEBHOOKS}/${endpointId}`)).statusCode,
      200,
    );

    const events = await eventsOf(tenant.project.accountId, 'webhook_endpoint.');
    assert.deepEqual(events.map((event) => event.action).sort(), [
      'webhook_endpoint.created',
      'webhook_endpoint.deleted',
      'webhook_endpoint.secret_rotated',
      'webhook_endpoint.updated',
    ]);
    for (const event of events) {
      assert.equal(event.actorKind, 'api_key');
      assert.equal(event.actorId, tenant.liveKeyId);
      assert.equal(event.actorLabel, await keyPrefix(tenant.liveKeyId));
      assert.equal(event.ip, '127.0.0.1');
      assert.equal(event.projectId, tenant.project.id);
      assert.equal(event.mode, 'live');
      assert.equal(event.targetId, endpointId);
    }
    const everything = JSON.stringify(events);
    assert.ok(!everything.includes('T0KEN-in-path') && !everything.includes('token=abc'), everything);
  });

  it('records Connect destination changes and secret rotation by the key, with no secret', async () => {
    const connect = (url: string, payload: unknown) =>
      harness.app.inject({
        method: 'POST',
        url,
        headers: { 'api-key': tenant.testKey, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const created = await connect(CONNECT_CREATE_OR_EDIT, {
      webhook_type: 'USER_VERIFICATION_COMPLETED',
      destination_url: 'https://hooks.example.com/connect',
    });
    assert.equal(created.statusCode, 200, created.body);
    secrets.push(...(created.body.match(SECRET) ?? []));
    const rotated = await connect(CONNECT_ROTATE, {});
    assert.equal(rotated.statusCode, 200, rotated.body);
    secrets.push(...(rotated.body.match(SECRET) ?? []));
    assert.equal(
      (await connect(CONNECT_DELETE, { webhook_type: 'USER_VERIFICATION_COMPLETED' })).statusCode,
      200,
    );
    const events = await eventsOf(tenant.project.accountId, 'webhook_endpoint.');
    const connectEvents = events.filter((event) => event.mode === 'test');
    assert.ok(connectEvents.length >= 3, JSON.stringify(connectEvents));
    assert.ok(
      connectEvents.every((event) => event.actorKind === 'api_key' && event.actorId === tenant.testKeyId),
    );
    assert.ok(connectEvents.some((event) => event.action === 'webhook_endpoint.secret_rotated'));
  });

  it('records review decisions and Connect revoke and delete by the key', async () => {
    const holding = await createHoldingTenant(harness);
    const held = await createHeldVerification(harness, holding.testKey, {
      first: 'first-user',
      held: 'held-user',
    });
    const decided = await poyRequest(
      harness,
      holding.testKey,
      'POST',
      `/api/poy/reviews/${held.verificationId}`,
      {
        decision: 'approve',
      },
    );
    assert.equal(decided.statusCode, 200, decided.body);
    const [review] = await eventsOf(holding.project.accountId, 'review.');
    assert.equal(review?.action, 'review.decided');
    assert.equal(review?.actorKind, 'api_key');
    assert.equal(review?.actorId, holding.testKeyId);
    assert.equal(review?.targetId, held.verificationId);
    assert.deepEqual(review?.details, { decision: 'approve', outcome: 'verified' });

    const connect = (url: string) =>
      harness.app.inject({
        method: 'POST',
        url,
        headers: { 'api-key': holding.testKey, 'content-type': 'application/json' },
        payload: JSON.stringify({ reference_user_id: 'held-user' }),
      });
    assert.equal((await connect('/v1/business_connect_user/revoke')).statusCode, 200);
    // Revoking again changes nothing and records nothing.
    assert.equal((await connect('/v1/business_connect_user/revoke')).statusCode, 200);
    assert.equal((await connect('/v1/business_connect_user/delete')).statusCode, 200);
    const changes = await eventsOf(holding.project.accountId, 'verification.');
    assert.deepEqual(changes.map((event) => event.action).sort(), [
      'verification.deleted',
      'verification.revoked',
    ]);
    assert.ok(changes.every((event) => event.actorKind === 'api_key' && event.targetKind === 'connect_user'));
  });

  it('never holds a secret, and the owner reads the API changes on the audit page', async () => {
    assert.ok(secrets.length >= 3, `secrets seen: ${secrets.length}`);
    const everything = JSON.stringify(
      await harness.store.listAuditEvents({ accountId: tenant.project.accountId, limit: 500 }),
    );
    for (const secret of secrets)
      assert.ok(!everything.includes(secret), 'a webhook secret is in the audit log');
    assert.ok(
      !everything.includes(tenant.liveKey) && !everything.includes(tenant.testKey),
      'an API key is in the log',
    );
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const page = await getDashboardPage(harness.app, '/dashboard/audit?actor=api_key', owner);
    assert.equal(page.statusCode, 200, page.body);
    const prefix = await keyPrefix(tenant.liveKeyId);
    assert.ok(prefix && page.body.includes(`${prefix}<br><span class="tag">API key</span>`));
    assert.match(page.body, /<code class="audit-action">webhook_endpoint\.secret_rotated<\/code>/);
    for (const secret of secrets) assert.ok(!page.body.includes(secret));
  });
});

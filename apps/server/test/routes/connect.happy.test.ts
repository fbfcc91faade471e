import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { connectPost, DELETE, GET_STATUS, REGISTER, REVOKE, SANDBOX } from './connect-helpers.ts';

const INVITE_TTL_SECONDS = 3600;

describe('Connect API: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({
      config: { publicUrl: 'https://poy.example.com', inviteTtlSeconds: INVITE_TTL_SECONDS },
    });
  });
  after(async () => {
    await harness.close();
  });

  async function eventsOf(projectId: string) {
    // Connect events only: the same changes also write POY events (docs/api.md §6), checked elsewhere.
    return (await harness.store.listOutboxEvents({ projectId })).filter(
      (event) => event.surface === 'connect',
    );
  }

  it('register answers the seed shape with an invite URL under PUBLIC_URL, idempotently', async () => {
    const tenant = await createTestTenant(harness);
    const first = await connectPost(harness, tenant.liveKey, REGISTER, {
      reference_user_id: 'user-1',
      redirect_url: 'https://shop.example/done?from=poy',
      data_request: { type: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' },
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(Object.keys(first.json).sort(), [
      'connection_verified',
      'invite_url',
      'status',
      'user_id',
    ]);
    assert.equal(first.json.status, 'success');
    assert.match(String(first.json.invite_url), /^https:\/\/poy\.example\.com\/i\/[0-9A-Za-z]{22}$/);
    assert.match(String(first.json.user_id), /^bcu_[0-9A-Za-z]{20}$/);
    assert.equal(first.json.connection_verified, false);

    const again = await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'user-1' });
    assert.equal(again.json.user_id, first.json.user_id);
    assert.equal(again.json.invite_url, first.json.invite_url);
    // `reference_id` is the older name of the same field.
    const alias = await connectPost(harness, tenant.liveKey, REGISTER, { reference_id: 'user-1' });
    assert.equal(alias.json.user_id, first.json.user_id);
    assert.equal((await eventsOf(tenant.project.id)).length, 0, 'registering emits no event');
  });

  it('get_status: pending, by reference_user_id or user_id', async () => {
    const tenant = await createTestTenant(harness);
    const registered = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'u-status',
    });
    const byReference = await connectPost(harness, tenant.testKey, GET_STATUS, {
      reference_user_id: 'u-status',
    });
    assert.equal(byReference.statusCode, 200, byReference.body);
    assert.equal(byReference.json.status, 'success');
    assert.equal(byReference.json.user_id, registered.json.user_id);
    assert.equal(byReference.json.reference_user_id, 'u-status');
    assert.equal(byReference.json.connection_verified, false);
    assert.equal(byReference.json.verification_status, 'PENDING');
    assert.equal(byReference.json.simple_data_request_response, null);
    const expiresAt = Date.parse(String(byReference.json.expires_at));
    assert.equal(expiresAt - harness.clock.now().getTime(), INVITE_TTL_SECONDS * 1000);
    const byId = await connectPost(harness, tenant.testKey, GET_STATUS, { user_id: registered.json.user_id });
    assert.deepEqual(byId.json, byReference.json);
  });

  it('sandbox verified → VERIFIED with the humanness score and a unique human id; one COMPLETED event', async () => {
    const tenant = await createTestTenant(harness);
    const registered = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'u-verified',
      uniqueness_region_id: 'survey-7',
    });
    const forced = await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'u-verified',
      outcome: 'verified',
    });
    assert.equal(forced.statusCode, 200, forced.body);
    const status = await connectPost(harness, tenant.testKey, GET_STATUS, {
      reference_user_id: 'u-verified',
    });
    assert.equal(status.json.verification_status, 'VERIFIED');
    assert.equal(status.json.connection_verified, true);
    const data = Object(status.json.simple_data_request_response);
    assert.equal(Reflect.get(data, 'type'), 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID');
    const score = Reflect.get(data, 'humanness_score');
    assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, status.body);
    assert.match(String(Reflect.get(data, 'unique_human_id')), /^uh_[0-9a-f]{32}$/);
    assert.equal(Reflect.get(data, 'uniqueness_region_id'), 'survey-7');

    const events = await eventsOf(tenant.project.id);
    assert.equal(events.length, 1, JSON.stringify(events));
    const event = Object(events[0]?.body);
    assert.equal(Reflect.get(event, 'type'), 'USER_VERIFICATION_COMPLETED');
    assert.equal(Reflect.get(event, 'user_id'), registered.json.user_id);
    assert.equal(Reflect.get(event, 'reference_user_id'), 'u-verified');
    assert.match(String(Reflect.get(event, 'transaction_id')), /^ewh:[0-9a-f-]{36}$/);
    assert.match(String(Reflect.get(event, 'created_at')), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(
      Reflect.get(Object(Reflect.get(event, 'payload')), 'simple_data_request_response'),
      status.json.simple_data_request_response,
    );
    // A verified user registered again keeps its id and reports the connection.
    const again = await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'u-verified' });
    assert.equal(again.json.connection_verified, true);
    assert.equal(again.json.user_id, registered.json.user_id);
  });

  it('IS_PHONE_NUMBER_VERIFIED answers the placeholder data', async () => {
    const tenant = await createTestTenant(harness);
    await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'u-phone',
      data_request: { type: 'IS_PHONE_NUMBER_VERIFIED' },
    });
    await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'u-phone',
      outcome: 'verified',
    });
    const status = await connectPost(harness, tenant.testKey, GET_STATUS, { reference_user_id: 'u-phone' });
    assert.deepEqual(status.json.simple_data_request_response, {
      type: 'IS_PHONE_NUMBER_VERIFIED',
      is_phone_number_verified: true,
    });
  });

  for (const [outcome, status, reason] of [
    ['failed', 'UNFULFILLABLE', 'FAILED_CHECKS'],
    ['duplicate', 'UNFULFILLABLE', 'DUPLICATE_HUMAN'],
    ['expired', 'EXPIRED', 'EXPIRED'],
  ] as const) {
    it(`sandbox ${outcome} → ${status} (${reason}) with one UNFULFILLABLE event`, async () => {
      const tenant = await createTestTenant(harness);
      await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: `u-${outcome}` });
      const forced = await connectPost(harness, tenant.testKey, SANDBOX, {
        reference_user_id: `u-${outcome}`,
        outcome,
      });
      assert.equal(forced.statusCode, 200, forced.body);
      assert.equal(forced.json.verification_status, status);
      assert.equal(forced.json.unfulfillable_reason, reason);
      assert.equal(forced.json.connection_verified, false);
      const events = await eventsOf(tenant.project.id);
      assert.equal(events.length, 1);
      const body = Object(events[0]?.body);
      assert.equal(Reflect.get(body, 'type'), 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
      assert.deepEqual(Reflect.get(body, 'payload'), { reason });
    });
  }

  it('an invite that runs out expires once, and registering again sends a new invite', async () => {
    const tenant = await createTestTenant(harness);
    const first = await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'u-expiring' });
    harness.clock.advanceBy(INVITE_TTL_SECONDS * 1000 + 1);
    const expired = await connectPost(harness, tenant.liveKey, GET_STATUS, {
      reference_user_id: 'u-expiring',
    });
    assert.equal(expired.json.verification_status, 'EXPIRED', expired.body);
    assert.equal(expired.json.unfulfillable_reason, 'EXPIRED');
    await connectPost(harness, tenant.liveKey, GET_STATUS, { reference_user_id: 'u-expiring' });
    const events = await eventsOf(tenant.project.id);
    assert.equal(events.length, 1, 'expiry is announced exactly once');
    const again = await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'u-expiring' });
    assert.equal(again.json.user_id, first.json.user_id);
    assert.notEqual(again.json.invite_url, first.json.invite_url);
    const pending = await connectPost(harness, tenant.liveKey, GET_STATUS, {
      reference_user_id: 'u-expiring',
    });
    assert.equal(pending.json.verification_status, 'PENDING');
  });

  it('the maintenance pass expires overdue invites without anyone asking', async () => {
    const tenant = await createTestTenant(harness);
    await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'u-swept' });
    harness.clock.advanceBy(INVITE_TTL_SECONDS * 1000 + 1);
    const { expireDueSessions } = await import('../../src/core/verification/verification-sessions.ts');
    assert.ok((await expireDueSessions(harness.app.services.verification)) >= 1);
    const events = await eventsOf(tenant.project.id);
    assert.equal(events.length, 1);
    assert.equal(Reflect.get(Object(events[0]?.body), 'type'), 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
  });

  it('revoke → REVOKED with one REVOKED event (revoking again changes nothing)', async () => {
    const tenant = await createTestTenant(harness);
    await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'u-revoke' });
    await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'u-revoke',
      outcome: 'verified',
    });
    const revoked = await connectPost(harness, tenant.testKey, REVOKE, { reference_user_id: 'u-revoke' });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json.verification_status, 'REVOKED');
    assert.equal(revoked.json.connection_verified, false);
    assert.equal(revoked.json.simple_data_request_response, null);
    await connectPost(harness, tenant.testKey, REVOKE, { reference_user_id: 'u-revoke' });
    const types = (await eventsOf(tenant.project.id)).map((event) => Reflect.get(Object(event.body), 'type'));
    assert.deepEqual(types, ['USER_VERIFICATION_COMPLETED', 'USER_VERIFICATION_REVOKED']);
  });

  it('delete → the user is unknown until registered again; one USER_DELETED event', async () => {
    const tenant = await createTestTenant(harness);
    const registered = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'u-delete',
    });
    const deleted = await connectPost(harness, tenant.testKey, DELETE, { user_id: registered.json.user_id });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json, { status: 'success', user_id: registered.json.user_id, deleted: true });
    const gone = await connectPost(harness, tenant.testKey, GET_STATUS, { reference_user_id: 'u-delete' });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json.failure_code, 'DOES_NOT_EXIST');
    const events = await eventsOf(tenant.project.id);
    assert.equal(events.length, 1);
    assert.equal(Reflect.get(Object(events[0]?.body), 'type'), 'USER_DELETED');
    const again = await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'u-delete' });
    assert.notEqual(again.json.user_id, registered.json.user_id);
  });

  it('accepts Authorization: Bearer as well as API-KEY', async () => {
    const tenant = await createTestTenant(harness);
    const response = await harness.app.inject({
      method: 'POST',
      url: REGISTER,
      headers: { authorization: `Bearer ${tenant.testKey}` },
      payload: { reference_user_id: 'u-bearer' },
    });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('accepts a redirect_url whose origin the project allows', async () => {
    const tenant = await createTestTenant(harness, { redirectOrigins: ['https://app.example'] });
    const allowed = await connectPost(harness, tenant.testKey, REGISTER, {
      reference_user_id: 'u-redirect',
      redirect_url: 'https://app.example/after',
    });
    assert.equal(allowed.statusCode, 200, allowed.body);
  });
});

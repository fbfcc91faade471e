// A project's own invite lifetime (docs/api.md §4.1): set through core (as `poy project update` does),
// used for the invites of both surfaces (Connect register, POY verify and public enroll), and shown by
// GET /api/poy/project. The clock is the injected one, so expiry times are exact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { updateProjectSettings } from '../../src/core/tenancy/update-project-settings.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp } from '../harness.ts';

const DEPLOYMENT_TTL_SECONDS = 3 * 86_400;

describe('invite lifetime per project', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ config: { inviteTtlSeconds: DEPLOYMENT_TTL_SECONDS } });
  });
  after(async () => {
    await harness.close();
  });

  async function projectTtl(key: string): Promise<unknown> {
    const reply = await harness.app.inject({
      method: 'GET',
      url: '/api/poy/project',
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    return bodyOf(reply).inviteTtlSeconds;
  }

  async function connectExpiry(key: string, referenceUserId: string): Promise<number> {
    const registered = await harness.app.inject({
      method: 'POST',
      url: '/v1/business_connect_user/register',
      headers: { 'api-key': key },
      payload: { reference_user_id: referenceUserId },
    });
    assert.equal(registered.statusCode, 200, registered.body);
    const status = await harness.app.inject({
      method: 'POST',
      url: '/v1/business_connect_user/get_status',
      headers: { 'api-key': key },
      payload: { reference_user_id: referenceUserId },
    });
    return Date.parse(String(bodyOf(status).expires_at));
  }

  it('without a setting: the deployment default, on both surfaces', async () => {
    const tenant = await createTestTenant(harness);
    assert.equal(await projectTtl(tenant.liveKey), DEPLOYMENT_TTL_SECONDS);
    const now = harness.clock.now().getTime();
    assert.equal(await connectExpiry(tenant.liveKey, 'default-ttl'), now + DEPLOYMENT_TTL_SECONDS * 1000);
  });

  it('register → expiresAt = now + the project TTL; verify and public enroll use it too', async () => {
    const tenant = await createTestTenant(harness);
    const updated = await updateProjectSettings(harness, tenant.project.id, { inviteTtlSeconds: 900 });
    assert.ok(updated.ok);
    assert.equal(await projectTtl(tenant.liveKey), 900);
    assert.equal(await projectTtl(tenant.testKey), 900);

    harness.clock.advanceBy(12_345);
    const now = harness.clock.now().getTime();
    assert.equal(await connectExpiry(tenant.liveKey, 'short-ttl'), now + 900_000);

    const verify = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/verify',
      headers: { authorization: `Bearer ${tenant.testKey}` },
      payload: { userId: 'verify-ttl', checkType: 'full' },
    });
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(Date.parse(String(bodyOf(verify).expiresAt)), now + 900_000, verify.body);

    const enroll = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      remoteAddress: '198.51.100.77',
      payload: { email: 'ttl@example.com', displayName: 'T', platform: tenant.project.publicId },
    });
    assert.equal(enroll.statusCode, 200, enroll.body);
    assert.equal(Date.parse(String(bodyOf(enroll).expiresAt)), now + 900_000, enroll.body);

    // Back to the default: new invites follow it, the one handed out keeps its time.
    assert.ok((await updateProjectSettings(harness, tenant.project.id, { inviteTtlSeconds: null })).ok);
    assert.equal(await projectTtl(tenant.liveKey), DEPLOYMENT_TTL_SECONDS);
    assert.equal(await connectExpiry(tenant.liveKey, 'short-ttl'), now + 900_000);
    assert.equal(
      await connectExpiry(tenant.liveKey, 'after-reset'),
      harness.clock.now().getTime() + DEPLOYMENT_TTL_SECONDS * 1000,
    );
  });

  it('refuses a lifetime out of bounds (5 minutes … 30 days) and an unknown project', async () => {
    const tenant = await createTestTenant(harness);
    for (const seconds of [0, 299, 2_592_001, 12.5]) {
      const result = await updateProjectSettings(harness, tenant.project.id, { inviteTtlSeconds: seconds });
      assert.deepEqual(result, { ok: false, reason: 'invite_ttl_out_of_bounds' }, String(seconds));
    }
    for (const seconds of [300, 2_592_000]) {
      assert.ok((await updateProjectSettings(harness, tenant.project.id, { inviteTtlSeconds: seconds })).ok);
    }
    assert.deepEqual(await updateProjectSettings(harness, 'proj_unknown', { inviteTtlSeconds: 600 }), {
      ok: false,
      reason: 'project_not_found',
    });
  });
});

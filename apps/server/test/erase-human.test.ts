import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePoyId } from '../src/core/identity/poy-id.ts';
import { findFaceMatch, storeFaceTemplate } from '../src/core/uniqueness/search-face.ts';
import { eraseHuman } from '../src/core/users/erase-human.ts';
import { hashEmail } from '../src/core/users/public-enroll.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp } from './harness.ts';
import { randomUnitVector, seededRandom } from './support/face-vectors.ts';

describe('erasing a PoY identity', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it("removes an enrollee's e-mail hash and profile; the same e-mail then gets a new identity", async () => {
    const tenant = await createTestTenant(harness);
    const enroll = () =>
      harness.app.inject({
        method: 'POST',
        url: '/api/poy/public-enroll',
        payload: {
          email: 'erase.me@example.com',
          displayName: 'Erase Me',
          platform: tenant.project.publicId,
        },
      });
    const first = bodyOf(await enroll());
    const poyId = String(first.poyId);
    const emailHash = hashEmail(harness.app.services.verification, 'erase.me@example.com');
    assert.ok(await harness.store.findHumanByEmailHash('live', emailHash));

    const erased = await eraseHuman(harness, { poyId });
    assert.equal(erased.ok, true);
    assert.equal(await harness.store.findHumanByEmailHash('live', emailHash), null);
    const profile = await harness.app.inject({
      method: 'GET',
      url: `/api/poy/profile/${encodeURIComponent(poyId)}`,
    });
    assert.equal(profile.statusCode, 404, profile.body);
    assert.deepEqual(await eraseHuman(harness, { poyId }), { ok: false, reason: 'not_found' });

    const again = bodyOf(await enroll());
    assert.notEqual(again.poyId, poyId);
  });

  it('revokes the verified links of the erased person, with one REVOKED event each, and check turns false', async () => {
    const tenant = await createTestTenant(harness);
    const auth = { authorization: `Bearer ${tenant.testKey}` };
    const forced = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: auth,
      payload: { userId: 'to-erase', outcome: 'verified' },
    });
    const poyId = String(bodyOf(forced).poyId);
    const check = () =>
      harness.app.inject({ method: 'GET', url: '/api/poy/check?userId=to-erase', headers: auth });
    assert.equal(bodyOf(await check()).isHuman, true);

    const erased = await eraseHuman(harness, { poyId });
    assert.equal(erased.ok, true);
    assert.equal(erased.ok && erased.revokedLinks.length, 1);

    assert.equal(bodyOf(await check()).isHuman, false, 'the cached answer is dropped at once');
    const status = await harness.app.inject({
      method: 'POST',
      url: '/v1/business_connect_user/get_status',
      headers: { 'api-key': tenant.testKey },
      payload: { reference_user_id: 'to-erase' },
    });
    assert.equal(bodyOf(status).verification_status, 'REVOKED', status.body);
    assert.equal(bodyOf(status).simple_data_request_response, null);
    const revokedEvents = (await harness.store.listOutboxEvents({ projectId: tenant.project.id })).filter(
      (event) => event.eventType === 'USER_VERIFICATION_REVOKED',
    );
    assert.equal(revokedEvents.length, 1);
  });

  it("deletes the person's face template: it no longer matches, and the app's index lets it go", async () => {
    const tenant = await createTestTenant(harness);
    const forced = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: `Bearer ${tenant.testKey}` },
      payload: { userId: 'face-to-erase', outcome: 'verified' },
    });
    const poyId = String(bodyOf(forced).poyId);
    const human = await harness.store.findHumanByPoyCode(parsePoyId(poyId) ?? '');
    assert.ok(human);
    const core = harness.app.services.verification;
    const template = randomUnitVector(512, seededRandom(99));
    const input = { mode: human.mode, template, modelVersion: 'erase-test' };
    await harness.store.transaction((tx) => storeFaceTemplate(tx, core, { ...input, humanId: human.id }));
    const search = () => harness.store.transaction((tx) => findFaceMatch(tx, core, input));
    assert.equal((await search())?.humanId, human.id);
    const held = core.faceIndex?.size(human.mode) ?? 0;
    assert.ok(held > 0);

    assert.equal((await eraseHuman(harness, { poyId })).ok, true);
    assert.deepEqual(await harness.store.findFaceTemplatesByHumanIds(human.mode, [human.id]), []);
    assert.equal(await search(), null);
    assert.equal(core.faceIndex?.size(human.mode), held - 1);
  });
});

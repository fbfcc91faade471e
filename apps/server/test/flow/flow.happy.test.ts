// The hosted flow end to end through the HTTP API, with a software authenticator and a synthetic hand:
// a person verifies, the business reads the result and receives exactly one event per state change,
// and the same person is recognised in other scopes (docs/api.md §4, §9).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyOf, createTestTenant, type TestApp } from '../harness.ts';
import { readFinalRedirect } from '../support/redirect-results.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  connectPost,
  createFlowTestApp,
  expectPoyError,
  getStatus,
  holdPhone,
  listConnectEvents,
  onlyEvent,
  parseOutcome,
  parseReply,
  personOf,
  phoneDataSchema,
  postFlow,
  registerAndRunFlow,
  registerUser,
  runFlow,
  scoreDataSchema,
  startFlow,
  statusSchema,
} from './flow-driver.ts';

describe('hosted flow: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('a live-mode person verifies: outcome, redirect, status, data and exactly one event', async () => {
    const tenant = await createTestTenant(harness);
    const authenticator = new SoftAuthenticator();
    const redirectUrl = 'https://shop.example/after?from=poy';
    const user = await registerUser(harness, tenant.liveKey, {
      reference_user_id: 'alice',
      redirect_url: redirectUrl,
    });
    assert.equal(user.connectionVerified, false);

    const started = await startFlow(harness, user.code);
    assert.equal(started.status, 'PENDING');
    assert.equal(started.sandbox, false);
    assert.equal(started.projectName, tenant.project.name);
    assert.equal(started.dataRequestType, 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID');

    // runFlow starts again, as a reloaded page would; the second start is harmless.
    const run = await runFlow(harness, user.code, authenticator);
    assert.equal(run.passkey.next, 'liveness');
    assert.equal(run.camera?.answer.passed, true, JSON.stringify(run.camera));
    assert.equal(run.camera?.answer.next, 'complete', JSON.stringify(run.camera));
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'VERIFIED', run.reply.body);
    assert.deepEqual(outcome.reasons, [], run.reply.body);
    assert.equal(outcome.assuranceLevel, 'unique', run.reply.body);
    // The redirect says nothing readable: only a signed poy_result, which verifies against the JWKS.
    assert.match(
      outcome.redirectUrl ?? '',
      /^https:\/\/shop\.example\/after\?from=poy&poy_result=[\w-]+\.[\w-]+\.[\w-]+$/,
    );
    const result = await readFinalRedirect(harness, outcome.redirectUrl, {
      base: redirectUrl,
      projectId: tenant.project.id,
    });
    assert.equal(result.status, 'VERIFIED');
    assert.equal(result.userId, user.userId);
    assert.equal(result.referenceUserId, 'alice');
    assert.equal(result.mode, 'live');
    // Every reader gets a valid token of its own: the status route mints a fresh one.
    const again = bodyOf(await harness.app.inject({ method: 'GET', url: `/i/${user.code}/status` }));
    const reread = await readFinalRedirect(harness, String(again.redirectUrl), {
      base: redirectUrl,
      projectId: tenant.project.id,
    });
    assert.notEqual(reread.nonce, result.nonce);

    const status = await getStatus(harness, tenant.liveKey, 'alice');
    assert.equal(status.verification_status, 'VERIFIED', JSON.stringify(status));
    assert.equal(status.connection_verified, true);
    assert.equal(status.unfulfillable_reason, null);
    assert.equal(status.user_id, user.userId);
    const data = scoreDataSchema.parse(status.simple_data_request_response);
    assert.ok(data.humanness_score >= 50, JSON.stringify(status));
    assert.equal(data.uniqueness_region_id, null);

    const events = await listConnectEvents(harness, tenant.project.id);
    assert.equal(events.length, 1, JSON.stringify(events));
    const completed = onlyEvent(events, user.userId, 'USER_VERIFICATION_COMPLETED');
    assert.equal(completed.reference_user_id, 'alice');
    assert.deepEqual(completed.payload, {
      simple_data_request_response: status.simple_data_request_response,
    });
    assert.equal(Date.parse(completed.created_at), harness.clock.now().getTime());
  });

  it('IS_PHONE_NUMBER_VERIFIED: get_status and the event carry {type, is_phone_number_verified: true}', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'phone-user', data_request: { type: 'IS_PHONE_NUMBER_VERIFIED' } },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    const status = await getStatus(harness, tenant.liveKey, 'phone-user');
    assert.deepEqual(
      phoneDataSchema.parse(status.simple_data_request_response),
      { type: 'IS_PHONE_NUMBER_VERIFIED', is_phone_number_verified: true },
      JSON.stringify(status),
    );
    const event = onlyEvent(
      await listConnectEvents(harness, tenant.project.id),
      run.user.userId,
      'USER_VERIFICATION_COMPLETED',
    );
    assert.deepEqual(event.payload, {
      simple_data_request_response: { type: 'IS_PHONE_NUMBER_VERIFIED', is_phone_number_verified: true },
    });
  });

  it('the same person in the same scope under another reference_user_id is DUPLICATE_HUMAN', async () => {
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    const first = await registerAndRunFlow(harness, tenant.liveKey, { reference_user_id: 'first' }, person);
    assert.equal(parseOutcome(first.reply).status, 'VERIFIED', first.reply.body);

    const second = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'second' },
      person,
      {
        as: 'returning',
      },
    );
    assert.equal(second.passkey.next, 'complete', JSON.stringify(second.passkey));
    assert.equal(second.passkey.poyId, first.passkey.poyId);
    assert.equal(second.camera, null, 'a face already known is not asked for again');
    const outcome = parseOutcome(second.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', second.reply.body);
    assert.deepEqual(outcome.reasons, ['DUPLICATE_HUMAN'], second.reply.body);

    const status = await getStatus(harness, tenant.liveKey, 'second');
    assert.equal(status.verification_status, 'UNFULFILLABLE', JSON.stringify(status));
    assert.equal(status.unfulfillable_reason, 'DUPLICATE_HUMAN');
    assert.equal(status.connection_verified, false);
    assert.equal(status.simple_data_request_response, null);
    // The first link is untouched.
    assert.equal((await getStatus(harness, tenant.liveKey, 'first')).verification_status, 'VERIFIED');

    const events = await listConnectEvents(harness, tenant.project.id);
    assert.equal(events.length, 2, JSON.stringify(events));
    const duplicate = onlyEvent(events, second.user.userId, 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
    assert.deepEqual(duplicate.payload, { reason: 'DUPLICATE_HUMAN' });
    assert.equal(duplicate.reference_user_id, 'second');
  });

  it('a verified person joins a new uniqueness region without the camera step, with another unique_human_id', async () => {
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    const home = await registerAndRunFlow(harness, tenant.liveKey, { reference_user_id: 'home' }, person);
    assert.equal(parseOutcome(home.reply).status, 'VERIFIED', home.reply.body);
    const homeData = scoreDataSchema.parse(
      (await getStatus(harness, tenant.liveKey, 'home')).simple_data_request_response,
    );

    const abroad = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'abroad', uniqueness_region_id: 'eu-west' },
      person,
      { as: 'returning' },
    );
    assert.equal(abroad.passkey.next, 'complete', JSON.stringify(abroad.passkey));
    const outcome = parseOutcome(abroad.reply);
    assert.equal(outcome.status, 'VERIFIED', abroad.reply.body);
    assert.deepEqual(outcome.reasons, [], abroad.reply.body);

    const status = await getStatus(harness, tenant.liveKey, 'abroad');
    const abroadData = scoreDataSchema.parse(status.simple_data_request_response);
    assert.equal(abroadData.uniqueness_region_id, 'eu-west');
    assert.ok(abroadData.humanness_score >= 50, JSON.stringify(status));
    assert.notEqual(abroadData.unique_human_id, homeData.unique_human_id);

    // Same person, same region again under a third reference: a duplicate of 'abroad', not of 'home'.
    const again = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'abroad-2', uniqueness_region_id: 'eu-west' },
      person,
      { as: 'returning' },
    );
    assert.deepEqual(parseOutcome(again.reply).reasons, ['DUPLICATE_HUMAN'], again.reply.body);

    const events = await listConnectEvents(harness, tenant.project.id);
    onlyEvent(events, home.user.userId, 'USER_VERIFICATION_COMPLETED');
    const joined = onlyEvent(events, abroad.user.userId, 'USER_VERIFICATION_COMPLETED');
    assert.deepEqual(joined.payload, { simple_data_request_response: status.simple_data_request_response });
    onlyEvent(events, again.user.userId, 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
    assert.equal(events.length, 3, JSON.stringify(events));
  });

  it('the same face with a new passkey is the same human: DUPLICATE_HUMAN in the same scope', async () => {
    const tenant = await createTestTenant(harness);
    const firstPhone = new SoftAuthenticator();
    const first = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'face-1' },
      firstPhone,
    );
    assert.equal(parseOutcome(first.reply).status, 'VERIFIED', first.reply.body);

    const secondPhone = holdPhone(new SoftAuthenticator(), personOf(firstPhone));
    const second = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'face-2' },
      secondPhone,
    );
    assert.equal(second.passkey.next, 'liveness', JSON.stringify(second.passkey));
    assert.notEqual(second.passkey.poyId, first.passkey.poyId, 'a new passkey makes a new identity first');
    assert.equal(second.camera?.answer.passed, true, JSON.stringify(second.camera));
    const outcome = parseOutcome(second.reply);
    assert.equal(outcome.status, 'UNFULFILLABLE', second.reply.body);
    assert.ok(outcome.reasons.includes('DUPLICATE_HUMAN'), second.reply.body);
    const status = await getStatus(harness, tenant.liveKey, 'face-2');
    assert.equal(status.unfulfillable_reason, 'DUPLICATE_HUMAN', JSON.stringify(status));
    assert.equal((await getStatus(harness, tenant.liveKey, 'face-1')).verification_status, 'VERIFIED');
  });

  it('the same person in two projects gets unlinkable unique_human_ids (docs/api.md §9)', async () => {
    const first = await createTestTenant(harness);
    const second = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    await registerAndRunFlow(harness, first.liveKey, { reference_user_id: 'p' }, person);
    const joined = await registerAndRunFlow(harness, second.liveKey, { reference_user_id: 'p' }, person, {
      as: 'returning',
    });
    assert.equal(parseOutcome(joined.reply).status, 'VERIFIED', joined.reply.body);
    const a = scoreDataSchema.parse(
      (await getStatus(harness, first.liveKey, 'p')).simple_data_request_response,
    );
    const b = scoreDataSchema.parse(
      (await getStatus(harness, second.liveKey, 'p')).simple_data_request_response,
    );
    assert.notEqual(a.unique_human_id, b.unique_human_id);
  });

  it('re-registering a verified reference_user_id answers connection_verified true and the same user', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'again' },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    const eventsBefore = await listConnectEvents(harness, tenant.project.id);

    const again = await registerUser(harness, tenant.liveKey, { reference_user_id: 'again' });
    assert.equal(again.connectionVerified, true);
    assert.equal(again.userId, run.user.userId);
    // The finished invite stays finished: it cannot be run a second time.
    expectPoyError(
      await postFlow(harness, again.code, 'start', { userAgent: 'x', webdriver: false }),
      409,
      'conflict',
    );
    assert.equal((await getStatus(harness, tenant.liveKey, 'again')).verification_status, 'VERIFIED');
    assert.deepEqual(await listConnectEvents(harness, tenant.project.id), eventsBefore);
  });

  it('revoke emits exactly one USER_VERIFICATION_REVOKED; delete one USER_DELETED, then DOES_NOT_EXIST', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'leaving' },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);

    for (let attempt = 0; attempt < 2; attempt++) {
      const revoked = parseReply(
        await connectPost(harness, tenant.liveKey, 'revoke', { reference_user_id: 'leaving' }),
        statusSchema,
      );
      assert.equal(revoked.verification_status, 'REVOKED', JSON.stringify(revoked));
      assert.equal(revoked.connection_verified, false);
      assert.equal(revoked.simple_data_request_response, null);
    }
    let events = await listConnectEvents(harness, tenant.project.id);
    const revokedEvent = onlyEvent(events, run.user.userId, 'USER_VERIFICATION_REVOKED');
    assert.deepEqual(revokedEvent.payload, {});
    assert.equal(revokedEvent.reference_user_id, 'leaving');
    assert.equal(events.length, 2, JSON.stringify(events));
    assert.equal((await getStatus(harness, tenant.liveKey, 'leaving')).verification_status, 'REVOKED');

    const deleted = await connectPost(harness, tenant.liveKey, 'delete', { user_id: run.user.userId });
    assert.equal(deleted.statusCode, 200, deleted.body);
    events = await listConnectEvents(harness, tenant.project.id);
    const deletedEvent = onlyEvent(events, run.user.userId, 'USER_DELETED');
    assert.deepEqual(deletedEvent.payload, {});
    assert.equal(deletedEvent.reference_user_id, 'leaving');
    assert.equal(events.length, 3, JSON.stringify(events));

    const gone = await connectPost(harness, tenant.liveKey, 'get_status', { reference_user_id: 'leaving' });
    assert.equal(gone.statusCode, 404, gone.body);
    assert.equal(bodyOf(gone).failure_code, 'DOES_NOT_EXIST', gone.body);
    const goneAgain = await connectPost(harness, tenant.liveKey, 'delete', { user_id: run.user.userId });
    assert.equal(goneAgain.statusCode, 404, goneAgain.body);
    assert.equal((await listConnectEvents(harness, tenant.project.id)).length, 3);
  });

  it('sandbox: each outcome on a test-mode invite gives the matching status and event', async () => {
    const tenant = await createTestTenant(harness);
    const expectations = [
      { outcome: 'verified', status: 'VERIFIED', reason: null, type: 'USER_VERIFICATION_COMPLETED' },
      {
        outcome: 'failed',
        status: 'UNFULFILLABLE',
        reason: 'FAILED_CHECKS',
        type: 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
      },
      {
        outcome: 'duplicate',
        status: 'UNFULFILLABLE',
        reason: 'DUPLICATE_HUMAN',
        type: 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
      },
      {
        outcome: 'expired',
        status: 'EXPIRED',
        reason: 'EXPIRED',
        type: 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
      },
    ] as const;
    for (const expected of expectations) {
      const reference = `sandbox-${expected.outcome}`;
      const user = await registerUser(harness, tenant.testKey, {
        reference_user_id: reference,
        redirect_url: 'https://ci.example/done',
      });
      const started = await startFlow(harness, user.code);
      assert.equal(started.sandbox, true);
      const reply = await postFlow(harness, user.code, 'sandbox', { outcome: expected.outcome });
      const outcome = parseOutcome(reply);
      assert.equal(outcome.status, expected.status, reply.body);
      const result = await readFinalRedirect(harness, outcome.redirectUrl, {
        base: 'https://ci.example/done',
        projectId: tenant.project.id,
      });
      assert.equal(result.status, expected.status, reply.body);
      assert.equal(result.userId, user.userId);
      assert.equal(result.referenceUserId, reference);
      assert.equal(result.mode, 'test', 'a sandbox result says so');

      const status = await getStatus(harness, tenant.testKey, reference);
      assert.equal(status.verification_status, expected.status, JSON.stringify(status));
      assert.equal(status.unfulfillable_reason, expected.reason, JSON.stringify(status));
      if (expected.outcome === 'verified') {
        scoreDataSchema.parse(status.simple_data_request_response);
      } else {
        assert.equal(status.simple_data_request_response, null);
      }
      const event = onlyEvent(
        await listConnectEvents(harness, tenant.project.id),
        user.userId,
        expected.type,
      );
      assert.deepEqual(
        event.payload,
        expected.reason === null
          ? { simple_data_request_response: status.simple_data_request_response }
          : { reason: expected.reason },
      );
      // One state change, one event: the invite is finished and a second button press is refused.
      expectPoyError(await postFlow(harness, user.code, 'sandbox', { outcome: 'verified' }), 409, 'conflict');
    }
    assert.equal((await listConnectEvents(harness, tenant.project.id)).length, expectations.length);
  });

  it('a test-mode person verifies through the real flow too (sandbox does not skip checks)', async () => {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.testKey,
      { reference_user_id: 'tester' },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    assert.equal((await getStatus(harness, tenant.testKey, 'tester')).verification_status, 'VERIFIED');
    // Live and test are separate worlds: the live key does not see the test user.
    const live = await connectPost(harness, tenant.liveKey, 'get_status', { reference_user_id: 'tester' });
    assert.equal(live.statusCode, 404, live.body);
  });
});

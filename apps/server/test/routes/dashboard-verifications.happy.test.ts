// The dashboard's verifications and review queue (docs/dashboard.md §6), through app.inject with a real
// store and a signed-in member: sandbox verifications show under test with their reason codes, search
// and filters find what the API made, a real flow's timeline shows every step, and revoke, delete and
// review decisions from the dashboard emit the very events the APIs emit, each with its audit entry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registerAndRunFlow } from '../flow/flow-driver.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';
import {
  connectSandboxVerification,
  eventTypesOf,
  latestVerificationOf,
  poySandboxVerification,
  registerPending,
  reviewsUrl,
  verificationsUrl,
  verificationUrl,
} from '../support/dashboard-verifications.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import { connectPost, GET_STATUS } from './connect-helpers.ts';
import { poyPost } from './developer-api-helpers.ts';

/** The ids in the list's result rows, in order. */
function listedIds(body: string): string[] {
  return [
    ...body.matchAll(/<th scope="row"><a href="[^"]+"><code>(vs_[A-Za-z0-9]+)<\/code><\/a><\/th>/g),
  ].map((match) => match[1] ?? '');
}

describe('dashboard verifications: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null, config: { publicUrl: 'http://localhost:8080' } });
  });
  after(async () => {
    await harness.close();
  });

  it('a Connect sandbox verification shows under test with its reason code and sentence, never under live', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    await connectSandboxVerification(harness, tenant.testKey, 'sandbox-dup', 'duplicate');
    const { verificationId, userId } = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'sandbox-dup',
    });

    const test = await getDashboardPage(harness.app, verificationsUrl(tenant.project.id, 'test'), viewer);
    assert.equal(test.statusCode, 200, test.body);
    assert.deepEqual(listedIds(test.body), [verificationId]);
    assert.match(test.body, /sandbox-dup/);
    assert.ok(test.body.includes(`User id ${userId}`));
    assert.match(test.body, />Duplicate</);
    assert.match(
      test.body,
      /<code>DUPLICATE_HUMAN<\/code> <span class="reason-codes__sentence">You have already verified with Project \d+ under another account\./,
    );
    assert.equal(test.headers['cache-control'], 'no-store');

    const live = await getDashboardPage(harness.app, verificationsUrl(tenant.project.id, 'live'), viewer);
    assert.equal(live.statusCode, 200, live.body);
    assert.deepEqual(listedIds(live.body), []);
    assert.match(live.body, /No verification matches\./);
  });

  it('a POY sandbox verification shows under test too, with its PoY id on the detail page', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, {
      accountId: tenant.project.accountId,
      role: 'developer',
    });
    await poySandboxVerification(harness, tenant.testKey, 'poy-user', 'verified');
    const { verificationId, humanId } = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'poy-user',
    });
    const human = await harness.store.findHumanById(humanId ?? '');
    assert.ok(human);
    const list = await getDashboardPage(harness.app, verificationsUrl(tenant.project.id, 'test'), viewer);
    assert.deepEqual(listedIds(list.body), [verificationId]);
    assert.match(list.body, />Verified</);
    const detail = await getDashboardPage(
      harness.app,
      verificationUrl(tenant.project.id, 'test', verificationId),
      viewer,
    );
    assert.equal(detail.statusCode, 200, detail.body);
    assert.ok(detail.body.includes(`PoY #${human.poyCode}`), detail.body);
    assert.match(detail.body, /No images are kept/);
  });

  it('searches by reference id, user id, PoY id and verification id, and filters by status, level, reason and date', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    await poySandboxVerification(harness, tenant.testKey, 'alice', 'verified');
    await connectSandboxVerification(harness, tenant.testKey, 'bob', 'duplicate');
    await connectSandboxVerification(harness, tenant.testKey, 'carol', 'expired');
    await registerPending(harness, tenant.testKey, 'dave');
    const scope = { projectId: tenant.project.id, mode: 'test' as const };
    const alice = await latestVerificationOf(harness, { ...scope, referenceUserId: 'alice' });
    const bob = await latestVerificationOf(harness, { ...scope, referenceUserId: 'bob' });
    const carol = await latestVerificationOf(harness, { ...scope, referenceUserId: 'carol' });
    const dave = await latestVerificationOf(harness, { ...scope, referenceUserId: 'dave' });
    const poyCode = (await harness.store.findHumanById(alice.humanId ?? ''))?.poyCode ?? '';

    const list = async (query: string) => {
      const reply = await getDashboardPage(
        harness.app,
        verificationsUrl(tenant.project.id, 'test', query),
        viewer,
      );
      assert.equal(reply.statusCode, 200, `${query}: ${reply.body}`);
      return listedIds(reply.body).sort();
    };
    assert.deepEqual(await list('?q=alice'), [alice.verificationId]);
    assert.deepEqual(await list(`?q=${bob.userId}`), [bob.verificationId]);
    assert.deepEqual(await list(`?q=${encodeURIComponent(`PoY #${poyCode}`)}`), [alice.verificationId]);
    assert.deepEqual(await list(`?q=${carol.verificationId}`), [carol.verificationId]);
    assert.deepEqual(await list('?state=pending'), [dave.verificationId]);
    assert.deepEqual(await list('?state=expired&reason=EXPIRED'), [carol.verificationId]);
    assert.deepEqual(await list('?reason=DUPLICATE_HUMAN'), [bob.verificationId]);
    assert.deepEqual(await list('?level=unique'), []);
    const today = harness.clock.now().toISOString().slice(0, 10);
    assert.deepEqual(
      await list(`?from=${today}&to=${today}`),
      [alice, bob, carol, dave].map((row) => row.verificationId).sort(),
    );
    assert.deepEqual(await list('?to=2000-01-01'), []);
  });

  it('pages through more than a page, newest first, keeping the filters in the next link', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    for (let index = 0; index < 52; index++) {
      await registerPending(harness, tenant.testKey, `paged-${index}`);
      harness.clock.advanceBy(1000);
    }
    const first = await getDashboardPage(
      harness.app,
      verificationsUrl(tenant.project.id, 'test', '?state=pending'),
      viewer,
    );
    const firstIds = listedIds(first.body);
    assert.equal(firstIds.length, 50);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next, first.body);
    assert.ok(next.includes('state=pending') && next.includes('after='), next);
    const second = await getDashboardPage(harness.app, next, viewer);
    const secondIds = listedIds(second.body);
    assert.equal(secondIds.length, 2);
    assert.equal(new Set([...firstIds, ...secondIds]).size, 52);
    assert.doesNotMatch(second.body, /rel="next"/);
    assert.match(second.body, />First page</);
    const newest = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'paged-51',
    });
    assert.equal(firstIds[0], newest.verificationId);
  });

  it('a real flow: the detail page shows the timeline (opened, passkey, camera step, result) and the evidence', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'flow-user' },
      new SoftAuthenticator(),
      {
        camera: 'declined',
      },
    );
    const { verificationId } = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'live',
      referenceUserId: 'flow-user',
    });
    const detail = await getDashboardPage(
      harness.app,
      verificationUrl(tenant.project.id, 'live', verificationId),
      viewer,
    );
    assert.equal(detail.statusCode, 200, detail.body);
    const timeline = /<ol class="timeline">(.*?)<\/ol>/s.exec(detail.body)?.[1] ?? '';
    assert.deepEqual(
      [...timeline.matchAll(/ — ([^<]+)<\/li>/g)].map((match) => match[1]),
      [
        'Invite created',
        'Invite opened on a phone',
        'Passkey created',
        'Camera step skipped',
        'Result: Failed',
      ],
    );
    for (const code of ['CAMERA_DECLINED', 'ASSURANCE_BELOW_POLICY']) {
      assert.ok(detail.body.includes(`<code>${code}</code>`), code);
    }
    assert.match(detail.body, />Passkey</);
    assert.match(detail.body, /User verification \(biometric or PIN\)<\/dt><dd>Yes/);
    assert.match(detail.body, /Other verifications of this project from the same address<\/dt><dd>0/);
  });

  it('revoke from the dashboard: USER_VERIFICATION_REVOKED as the Connect API sends it, and one audit entry', async () => {
    const tenant = await createTestTenant(harness);
    const admin = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'admin' });
    await connectSandboxVerification(harness, tenant.testKey, 'to-revoke', 'verified');
    await connectSandboxVerification(harness, tenant.testKey, 'api-revoke', 'verified');
    const scope = { projectId: tenant.project.id, mode: 'test' as const };
    const target = await latestVerificationOf(harness, { ...scope, referenceUserId: 'to-revoke' });
    const url = verificationUrl(tenant.project.id, 'test', target.verificationId);

    const revoked = await postDashboardForm(harness.app, `${url}/revoke`, admin, { confirm: 'yes' });
    assert.equal(revoked.statusCode, 303, revoked.body);
    assert.equal(revoked.headers.location, url);
    const status = await connectPost(harness, tenant.testKey, GET_STATUS, { reference_user_id: 'to-revoke' });
    assert.equal(status.json.verification_status, 'REVOKED');
    // The same events as the Connect API's revoke of another user.
    const viaApi = await connectPost(harness, tenant.testKey, '/v1/business_connect_user/revoke', {
      reference_user_id: 'api-revoke',
    });
    assert.equal(viaApi.statusCode, 200, viaApi.body);
    const apiUser = await latestVerificationOf(harness, { ...scope, referenceUserId: 'api-revoke' });
    const dashboardEvents = await eventTypesOf(harness, {
      ...scope,
      userId: target.userId,
      referenceUserId: 'to-revoke',
    });
    const apiEvents = await eventTypesOf(harness, {
      ...scope,
      userId: apiUser.userId,
      referenceUserId: 'api-revoke',
    });
    assert.deepEqual(dashboardEvents, apiEvents);
    assert.equal(dashboardEvents.at(-1), 'connect:USER_VERIFICATION_REVOKED');

    // The dashboard's own entries (the API's revoke and delete, compared above, record theirs by key).
    const audit = await harness.store.listAuditEvents({
      accountId: tenant.project.accountId,
      actorKind: 'member',
      actionPrefix: 'verification.',
      limit: 10,
    });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'verification.revoked');
    assert.equal(audit[0]?.actorId, admin.memberId);
    assert.equal(audit[0]?.targetId, target.verificationId);
    assert.deepEqual(audit[0]?.details, { userId: target.userId });

    const page = await getDashboardPage(harness.app, url, admin, {
      cookie: `${admin.cookie}; ${revoked.cookies.map((c) => `${c.name}=${c.value}`).join('; ')}`,
    });
    assert.match(page.body, /The verification was revoked\./);
    assert.match(page.body, /is revoked already/);

    // Again: nothing changes, no event, no audit entry.
    const again = await postDashboardForm(harness.app, `${url}/revoke`, admin, { confirm: 'yes' });
    assert.equal(again.statusCode, 303, again.body);
    assert.deepEqual(
      await eventTypesOf(harness, { ...scope, userId: target.userId, referenceUserId: 'to-revoke' }),
      dashboardEvents,
    );
    assert.equal(
      (
        await harness.store.listAuditEvents({
          accountId: tenant.project.accountId,
          actorKind: 'member',
          actionPrefix: 'verification.',
          limit: 10,
        })
      ).length,
      1,
    );
  });

  it('delete from the dashboard: USER_DELETED, the user is unknown afterwards, and one audit entry', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    await connectSandboxVerification(harness, tenant.testKey, 'to-delete', 'failed');
    const scope = { projectId: tenant.project.id, mode: 'test' as const };
    const target = await latestVerificationOf(harness, { ...scope, referenceUserId: 'to-delete' });
    const deleted = await postDashboardForm(
      harness.app,
      verificationUrl(tenant.project.id, 'test', target.verificationId, 'delete'),
      owner,
      { confirm: 'yes' },
    );
    assert.equal(deleted.statusCode, 303, deleted.body);
    assert.equal(deleted.headers.location, verificationsUrl(tenant.project.id, 'test'));
    const status = await connectPost(harness, tenant.testKey, GET_STATUS, { reference_user_id: 'to-delete' });
    assert.equal(status.statusCode, 404, status.body);
    assert.equal(await harness.store.findSessionById(target.verificationId), null);
    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.equal(events.at(-1)?.eventType, 'USER_DELETED');
    assert.ok(events.at(-1)?.bodyJson.includes(target.userId));
    // The dashboard's own entries (the API's revoke and delete, compared above, record theirs by key).
    const audit = await harness.store.listAuditEvents({
      accountId: tenant.project.accountId,
      actorKind: 'member',
      actionPrefix: 'verification.',
      limit: 10,
    });
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.targetId, entry.actorId]),
      [['verification.deleted', target.verificationId, owner.memberId]],
    );
    const list = await getDashboardPage(harness.app, verificationsUrl(tenant.project.id, 'test'), owner, {
      cookie: `${owner.cookie}; ${deleted.cookies.map((c) => `${c.name}=${c.value}`).join('; ')}`,
    });
    assert.match(list.body, /The user and all of their verifications were deleted\./);
    assert.deepEqual(listedIds(list.body), []);
  });

  it('the review queue shows a held verification with its evidence, and approving it from the dashboard emits what the API does', async () => {
    const tenant = await createHoldingTenant(harness);
    const admin = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'admin' });
    const viaDashboard = await createHeldVerification(harness, tenant.liveKey, {
      first: 'q-first-1',
      held: 'q-held-1',
    });
    const viaApi = await createHeldVerification(harness, tenant.liveKey, {
      first: 'q-first-2',
      held: 'q-held-2',
    });

    const queue = await getDashboardPage(harness.app, reviewsUrl(tenant.project.id, 'live'), admin);
    assert.equal(queue.statusCode, 200, queue.body);
    assert.match(queue.body, /No images are kept/);
    for (const run of [viaDashboard, viaApi]) {
      assert.ok(queue.body.includes(`Held verification ${run.verificationId}`), queue.body);
    }
    assert.match(queue.body, /<code>VELOCITY<\/code>/);
    assert.match(queue.body, /startsPerDevicePerHour: 2 \(limit 1\)/);
    assert.match(queue.body, /Not a face match \(held for velocity\)/);
    assert.match(queue.body, /Trust score<\/dt><dd>\d+ of 100/);
    assert.match(queue.body, /Other verifications of this project from the same browser<\/dt><dd>1<\/dd>/);
    assert.doesNotMatch(queue.body, /<img/);

    const decided = await postDashboardForm(
      harness.app,
      reviewsUrl(tenant.project.id, 'live', viaDashboard.verificationId),
      admin,
      {
        decision: 'approve',
      },
    );
    assert.equal(decided.statusCode, 303, decided.body);
    assert.equal(decided.headers.location, reviewsUrl(tenant.project.id, 'live'));
    const api = await poyPost(harness, tenant.liveKey, `/api/poy/reviews/${viaApi.verificationId}`, {
      decision: 'approve',
    });
    assert.equal(api.statusCode, 200, api.body);

    const scope = { projectId: tenant.project.id };
    const dashboardEvents = await eventTypesOf(harness, {
      ...scope,
      userId: viaDashboard.held.userId,
      referenceUserId: 'q-held-1',
    });
    const apiEvents = await eventTypesOf(harness, {
      ...scope,
      userId: viaApi.held.userId,
      referenceUserId: 'q-held-2',
    });
    assert.deepEqual(dashboardEvents, apiEvents);
    assert.ok(dashboardEvents.includes('connect:USER_VERIFICATION_COMPLETED'), dashboardEvents.join());
    assert.ok(dashboardEvents.includes('poy:user.verified'), dashboardEvents.join());

    const audit = await harness.store.listAuditEvents({
      accountId: tenant.project.accountId,
      actorKind: 'member',
      actionPrefix: 'review.',
      limit: 10,
    });
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.targetId, entry.actorId, entry.details]),
      [
        [
          'review.decided',
          viaDashboard.verificationId,
          admin.memberId,
          { decision: 'approve', outcome: 'verified' },
        ],
      ],
    );
    const after = await getDashboardPage(harness.app, reviewsUrl(tenant.project.id, 'live'), admin, {
      cookie: `${admin.cookie}; ${decided.cookies.map((c) => `${c.name}=${c.value}`).join('; ')}`,
    });
    assert.match(after.body, /Approved: the user is verified\./);
    assert.match(after.body, /Nothing is waiting for review\./);
  });

  it('marking a held verification a duplicate from the dashboard refuses the user with DUPLICATE_HUMAN', async () => {
    const tenant = await createHoldingTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const run = await createHeldVerification(harness, tenant.liveKey, {
      first: 'dup-first',
      held: 'dup-held',
    });
    const decided = await postDashboardForm(
      harness.app,
      reviewsUrl(tenant.project.id, 'live', run.verificationId),
      owner,
      {
        decision: 'duplicate',
      },
    );
    assert.equal(decided.statusCode, 303, decided.body);
    const status = await connectPost(harness, tenant.liveKey, GET_STATUS, { reference_user_id: 'dup-held' });
    assert.equal(status.json.unfulfillable_reason, 'DUPLICATE_HUMAN');
    const events = await eventTypesOf(harness, {
      projectId: tenant.project.id,
      userId: run.held.userId,
      referenceUserId: 'dup-held',
    });
    assert.ok(events.includes('connect:USER_VERIFICATION_DETERMINED_UNFULFILLABLE'), events.join());
    assert.ok(events.includes('poy:user.failed'), events.join());
  });

  it('a public enrollment shows under live with its PoY id and no user to revoke', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const enrolled = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      payload: { email: 'someone@example.com', displayName: 'Someone', platform: tenant.project.publicId },
    });
    assert.equal(enrolled.statusCode, 200, enrolled.body);
    const list = await getDashboardPage(harness.app, verificationsUrl(tenant.project.id, 'live'), owner);
    const [verificationId] = listedIds(list.body);
    assert.ok(verificationId, list.body);
    assert.match(list.body, /Public enrollment \(no user of yours\)/);
    const detail = await getDashboardPage(
      harness.app,
      verificationUrl(tenant.project.id, 'live', verificationId),
      owner,
    );
    assert.match(detail.body, /PoY #[0-9A-F]{7}/);
    assert.doesNotMatch(detail.body, /\/revoke"/);
  });
});

// The dashboard's verification pages refuse what they cannot use, as a page and never a 500, and
// change nothing: filters outside their rules (400, the form again with the messages), unknown or
// malformed ids and modes (404), a revoke or delete without its confirmation (400), a decision that is
// not one, or on a verification no longer held (409).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';
import {
  connectSandboxVerification,
  latestVerificationOf,
  reviewsUrl,
  snapshotOf,
  verificationsUrl,
  verificationUrl,
} from '../support/dashboard-verifications.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';

describe('dashboard verifications: errors', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null, config: { publicUrl: 'http://localhost:8080' } });
  });
  after(async () => {
    await harness.close();
  });

  it('bad filters are 400 with a message naming each, the form echoed, and no results', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    await connectSandboxVerification(harness, tenant.testKey, 'listed', 'failed');
    const cases: Array<[string, RegExp]> = [
      ['?state=finished', /Status: choose one from the list\./],
      ['?level=superhuman', /Assurance level: choose one from the list\./],
      ['?reason=NOT_A_CODE', /Reason code: choose one from the list\./],
      ['?reason=no_face', /Reason code: choose one from the list\./],
      ['?from=yesterday', /Created on or after: a date such as 2026-01-31\./],
      ['?to=2026-02-31', /Created on or before: a date such as 2026-01-31\./],
      ['?from=2026-03-02&to=2026-03-01', /The first date must not be after the second\./],
      ['?after=1.bcu_x', /The page link is not valid/],
      ['?after=vs_only', /The page link is not valid/],
      ['?state=pending&state=failed', /Status: choose one from the list\./],
      [`?q=${'x'.repeat(257)}`, /Search: up to 256 characters\./],
    ];
    for (const [query, message] of cases) {
      const reply = await getDashboardPage(
        harness.app,
        verificationsUrl(tenant.project.id, 'test', query),
        viewer,
      );
      assert.equal(reply.statusCode, 400, `${query}: ${reply.body}`);
      assert.match(String(reply.headers['content-type']), /text\/html/);
      assert.match(reply.body, message, query);
      assert.match(reply.body, /role="alert"/, query);
      assert.doesNotMatch(reply.body, /<table/, query);
    }
    const echoed = await getDashboardPage(
      harness.app,
      verificationsUrl(tenant.project.id, 'test', '?q=%22%3E%3Cscript%3E&level=superhuman'),
      viewer,
    );
    assert.equal(echoed.statusCode, 400);
    assert.match(echoed.body, /value="&quot;&gt;&lt;script&gt;"/);
    assert.doesNotMatch(echoed.body, /"><script>/);
  });

  it('a search that matches nothing is not an error', async () => {
    const tenant = await createTestTenant(harness);
    const viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const reply = await getDashboardPage(
      harness.app,
      verificationsUrl(tenant.project.id, 'test', '?q=%27%20or%201%3D1%20--'),
      viewer,
    );
    assert.equal(reply.statusCode, 200, reply.body);
    assert.match(reply.body, /No verification matches\./);
  });

  it('an unknown or malformed verification id, or an unknown mode, is the 404 page', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    for (const url of [
      verificationUrl(tenant.project.id, 'test', 'vs_doesnotexist'),
      verificationUrl(tenant.project.id, 'test', 'not-an-id'),
      `/dashboard/p/${tenant.project.id}/staging/verifications`,
      `/dashboard/p/${tenant.project.id}/staging/reviews`,
      `/dashboard/p/proj_unknown/test/verifications`,
    ]) {
      const reply = await getDashboardPage(harness.app, url, owner);
      assert.equal(reply.statusCode, 404, `${url}: ${reply.body}`);
      assert.match(reply.body, /Not found/);
    }
    for (const url of [
      verificationUrl(tenant.project.id, 'test', 'vs_doesnotexist', 'revoke'),
      verificationUrl(tenant.project.id, 'test', 'vs_doesnotexist', 'delete'),
      reviewsUrl(tenant.project.id, 'test', 'vs_doesnotexist'),
      reviewsUrl(tenant.project.id, 'test', 'bogus'),
    ]) {
      const reply = await postDashboardForm(harness.app, url, owner, { confirm: 'yes', decision: 'approve' });
      assert.equal(reply.statusCode, 404, `${url}: ${reply.body}`);
    }
  });

  it('revoke or delete without the confirmation box is 400 with the message, and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    await connectSandboxVerification(harness, tenant.testKey, 'unconfirmed', 'verified');
    const target = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'unconfirmed',
    });
    const ids = { accountId: tenant.project.accountId, projectId: tenant.project.id, ...target };
    const before = await snapshotOf(harness, ids);
    for (const action of ['revoke', 'delete']) {
      const refused: Array<Record<string, string | string[]>> = [
        {},
        { confirm: 'no' },
        { confirm: ['yes', 'yes'] },
      ];
      for (const fields of refused) {
        const reply = await postDashboardForm(
          harness.app,
          verificationUrl(tenant.project.id, 'test', target.verificationId, action),
          owner,
          fields,
        );
        assert.ok(
          [400].includes(reply.statusCode),
          `${action} ${JSON.stringify(fields)}: ${reply.statusCode} ${reply.body}`,
        );
      }
      const plain = await postDashboardForm(
        harness.app,
        verificationUrl(tenant.project.id, 'test', target.verificationId, action),
        owner,
      );
      assert.match(plain.body, /Tick the box to confirm, then try again\./);
    }
    assert.equal(await snapshotOf(harness, ids), before);
  });

  it('revoking a public enrollment (no user of the business) is 400 and changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const owner = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const enrolled = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      payload: { email: 'enrollee@example.com', displayName: 'Enrollee', platform: tenant.project.publicId },
    });
    assert.equal(enrolled.statusCode, 200, enrolled.body);
    const [found] = await harness.store.searchVerifications({
      projectId: tenant.project.id,
      mode: 'live',
      limit: 1,
    });
    assert.ok(found);
    const before = JSON.stringify(await harness.store.findSessionById(found.session.id));
    for (const action of ['revoke', 'delete']) {
      const reply = await postDashboardForm(
        harness.app,
        verificationUrl(tenant.project.id, 'live', found.session.id, action),
        owner,
        { confirm: 'yes' },
      );
      assert.equal(reply.statusCode, 400, reply.body);
      assert.match(reply.body, /no user of yours/);
    }
    assert.equal(JSON.stringify(await harness.store.findSessionById(found.session.id)), before);
    assert.deepEqual(
      await harness.store.listAuditEvents({
        accountId: tenant.project.accountId,
        actionPrefix: 'verification.',
        limit: 5,
      }),
      [],
    );
  });

  it('a decision that is not approve or duplicate is 400; one on a verification no longer held is 409; neither changes anything', async () => {
    const tenant = await createHoldingTenant(harness);
    const admin = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'admin' });
    const run = await createHeldVerification(harness, tenant.liveKey, { first: 'e-first', held: 'e-held' });
    const ids = {
      accountId: tenant.project.accountId,
      projectId: tenant.project.id,
      userId: run.held.userId,
      verificationId: run.verificationId,
    };
    const url = reviewsUrl(tenant.project.id, 'live', run.verificationId);
    const before = await snapshotOf(harness, ids);
    const refused: Array<Record<string, string | string[]>> = [
      {},
      { decision: 'maybe' },
      { decision: ['approve', 'duplicate'] },
    ];
    for (const fields of refused) {
      const reply = await postDashboardForm(harness.app, url, admin, fields);
      assert.equal(reply.statusCode, 400, `${JSON.stringify(fields)}: ${reply.body}`);
    }
    assert.equal(await snapshotOf(harness, ids), before);

    // The first verification on the phone was never held: deciding it is a conflict.
    const first = await latestVerificationOf(harness, {
      projectId: tenant.project.id,
      mode: 'live',
      referenceUserId: 'e-first',
    });
    const notHeld = await postDashboardForm(
      harness.app,
      reviewsUrl(tenant.project.id, 'live', first.verificationId),
      admin,
      {
        decision: 'approve',
      },
    );
    assert.equal(notHeld.statusCode, 409, notHeld.body);
    assert.match(notHeld.body, /no longer held/);

    const decided = await postDashboardForm(harness.app, url, admin, { decision: 'duplicate' });
    assert.equal(decided.statusCode, 303, decided.body);
    const afterDecision = await snapshotOf(harness, ids);
    const twice = await postDashboardForm(harness.app, url, admin, { decision: 'approve' });
    assert.equal(twice.statusCode, 409, twice.body);
    assert.equal(await snapshotOf(harness, ids), afterDecision);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';

describe('dashboard auth: the signed-in scope', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  it('sends a GET without a session to /login with the page to come back to', async () => {
    const reply = await getDashboardPage(harness.app, '/dashboard?x=1', null);
    assert.equal(reply.statusCode, 303);
    assert.equal(reply.headers.location, '/login?next=%2Fdashboard%3Fx%3D1');
  });

  it('refuses a POST without a session with a 401 page', async () => {
    const reply = await postDashboardForm(harness.app, '/dashboard/sign-out', null);
    assert.equal(reply.statusCode, 401, reply.body);
    assert.match(String(reply.headers['content-type']), /text\/html/);
    assert.match(reply.body, /You are signed out/);
  });

  it('answers an unknown dashboard path with the 404 page', async () => {
    const tenant = await createTestTenant(harness);
    const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const reply = await getDashboardPage(harness.app, '/dashboard/no-such-page', session);
    assert.equal(reply.statusCode, 404, reply.body);
    assert.match(reply.body, /Not found/);
  });

  it('sends /dashboard to the first project, and signs out only with the anti-forgery token', async () => {
    const tenant = await createTestTenant(harness);
    const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const home = await getDashboardPage(harness.app, '/dashboard', session);
    assert.equal(home.statusCode, 303, home.body);
    assert.equal(home.headers.location, `/dashboard/p/${tenant.project.id}/test/overview`);

    const forged = await postDashboardForm(harness.app, '/dashboard/sign-out', session, { _csrf: 'x' });
    assert.equal(forged.statusCode, 403, forged.body);
    assert.equal((await getDashboardPage(harness.app, '/dashboard', session)).statusCode, 303);

    const signedOut = await postDashboardForm(harness.app, '/dashboard/sign-out', session);
    assert.equal(signedOut.statusCode, 303, signedOut.body);
    assert.equal(signedOut.headers.location, '/login');
    const after = await getDashboardPage(harness.app, '/dashboard', session);
    assert.equal(after.statusCode, 303);
    assert.match(String(after.headers.location), /^\/login/);
  });
});

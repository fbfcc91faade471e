// Bad input on the keys page: a missing or over-long name answers 400 with the message beside the field
// and creates nothing; an unknown key answers 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { getDashboardPage, postDashboardForm, signInMember } from '../support/dashboard-session.ts';

describe('dashboard keys: bad input', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  it('refuses a key without a usable name, creating nothing', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const owner = await signInMember(harness.app, { accountId: project.accountId, role: 'owner' });
    const url = `/dashboard/p/${project.id}/test/keys`;
    const before = await harness.store.listApiKeysByProject(project.id);
    const attempts: Array<Record<string, string>> = [
      {},
      { name: '' },
      { name: '  \t ' },
      { name: 'k'.repeat(101) },
    ];
    for (const fields of attempts) {
      const reply = await postDashboardForm(harness.app, url, owner, fields);
      assert.equal(reply.statusCode, 400, JSON.stringify(fields));
      assert.match(
        reply.body,
        /<span id="key-name-error" class="field-error">Enter a name of 1 to 100 characters\.<\/span>/,
      );
      assert.match(
        reply.body,
        /id="key-name"[^>]* aria-describedby="key-name-error key-name-hint"[^>]* aria-invalid="true"/,
      );
      assert.ok(!reply.headers['set-cookie']?.toString().includes('poy_dash_flash='), 'no flash');
    }
    const typed = await postDashboardForm(harness.app, url, owner, { name: `"><b>${'k'.repeat(100)}` });
    assert.equal(typed.statusCode, 400);
    assert.ok(typed.body.includes('value="&quot;&gt;&lt;b&gt;'), 'what was typed comes back escaped');
    assert.deepEqual(await harness.store.listApiKeysByProject(project.id), before);
    assert.deepEqual(
      await harness.store.listAuditEvents({
        accountId: project.accountId,
        actionPrefix: 'api_key.',
        limit: 5,
      }),
      [],
    );
  });

  it('answers an unknown key, mode or project with 404', async () => {
    const tenant = await createTestTenant(harness);
    const { project } = tenant;
    const owner = await signInMember(harness.app, { accountId: project.accountId, role: 'owner' });
    const unknownKey = await postDashboardForm(
      harness.app,
      `/dashboard/p/${project.id}/test/keys/key_unknown/revoke`,
      owner,
    );
    assert.equal(unknownKey.statusCode, 404, unknownKey.body);
    assert.match(unknownKey.body, /Not found/);
    const badMode = await getDashboardPage(harness.app, `/dashboard/p/${project.id}/staging/keys`, owner);
    assert.equal(badMode.statusCode, 404);
    const badModePost = await postDashboardForm(
      harness.app,
      `/dashboard/p/${project.id}/staging/keys`,
      owner,
      { name: 'x' },
    );
    assert.equal(badModePost.statusCode, 404);
    const unknownProject = await getDashboardPage(harness.app, '/dashboard/p/proj_unknown/test/keys', owner);
    assert.equal(unknownProject.statusCode, 404);
    assert.equal((await harness.store.listApiKeysByProject(project.id)).length, 2);
  });
});

// The dashboard's webhooks and delivery log refusing what they must: no or an expired session, every
// role against every action (the pages only hide buttons; the server decides), another account's
// project, endpoint or delivery (404 like an unknown id), forged requests (no or a wrong anti-forgery
// token, another origin), and live/test isolation. Every refusal leaves the data as it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { createId } from '../../src/core/ids.ts';
import { MEMBER_ROLES, type MemberRole } from '../../src/core/members/member-roles.ts';
import { SESSION_IDLE_TIMEOUT_MS } from '../../src/core/members/member-sessions.ts';
import { createTestApp, type TestApp } from '../harness.ts';
import {
  type DashboardTestSession,
  getDashboardPage,
  postDashboardForm,
  signInMember,
} from '../support/dashboard-session.ts';
import {
  deliveriesUrl,
  memberOfNewAccount,
  type WebhookMember,
  webhookStateOf,
  webhooksUrl,
} from '../support/dashboard-webhooks.ts';

interface World extends WebhookMember {
  endpointId: string;
  deliveryId: string;
}

describe('dashboard webhooks: security', () => {
  let harness: TestApp;
  before(async () => {
    // Noon on a fixed day: the date-range tests never straddle midnight.
    harness = await createTestApp({
      faceAnalyzer: null,
      clock: new ManualClock(new Date('2030-06-01T12:00:00.000Z')),
    });
  });
  after(async () => {
    await harness.close();
  });

  /** A fresh account whose owner added a POY endpoint; its one delivery (a test event) has failed. */
  async function world(): Promise<World> {
    const owner = await memberOfNewAccount(harness, 'owner');
    const projectId = owner.tenant.project.id;
    const created = await postDashboardForm(harness.app, webhooksUrl(projectId), owner.session, {
      surface: 'poy',
      url: 'https://hooks.example.com/world',
      enabled: 'on',
    });
    assert.equal(created.statusCode, 303, created.body);
    const [endpoint] = await harness.store.listWebhookEndpoints({ projectId, mode: 'test', surface: 'poy' });
    assert.ok(endpoint);
    const sent = await postDashboardForm(
      harness.app,
      `${webhooksUrl(projectId)}/${endpoint.id}/test`,
      owner.session,
    );
    assert.equal(sent.statusCode, 303, sent.body);
    const [entry] = await harness.store.listDeliveryLog({ projectId, mode: 'test', limit: 1 });
    assert.ok(entry);
    await harness.store.recordDeliveryAttempts([
      {
        attempt: {
          id: createId('att'),
          deliveryId: entry.delivery.id,
          attemptNumber: 0,
          attemptedAt: harness.clock.now(),
          durationMs: 3,
          statusCode: 500,
          error: null,
          responseExcerpt: 'down',
        },
        outcome: { kind: 'failed' },
      },
    ]);
    return { ...owner, endpointId: endpoint.id, deliveryId: entry.delivery.id };
  }

  function today(): string {
    return harness.clock.now().toISOString().slice(0, 10);
  }

  /** Every state-changing request of the area, with the permission it needs. */
  const ACTIONS: ReadonlyArray<{
    name: string;
    needs: 'webhook.manage' | 'webhook.replay';
    request: (w: World) => { url: string; fields: Record<string, string | string[]> };
  }> = [
    {
      name: 'create an endpoint',
      needs: 'webhook.manage',
      request: (w) => ({
        url: webhooksUrl(w.tenant.project.id),
        fields: { surface: 'poy', url: 'https://hooks.example.com/new', enabled: 'on' },
      }),
    },
    {
      name: 'change an endpoint',
      needs: 'webhook.manage',
      request: (w) => ({
        url: `${webhooksUrl(w.tenant.project.id)}/${w.endpointId}`,
        fields: { url: 'https://hooks.example.com/changed', enabled: 'on' },
      }),
    },
    {
      name: 'delete an endpoint',
      needs: 'webhook.manage',
      request: (w) => ({ url: `${webhooksUrl(w.tenant.project.id)}/${w.endpointId}/delete`, fields: {} }),
    },
    {
      name: 'rotate an endpoint secret',
      needs: 'webhook.manage',
      request: (w) => ({
        url: `${webhooksUrl(w.tenant.project.id)}/${w.endpointId}/rotate-secret`,
        fields: {},
      }),
    },
    {
      name: 'rotate the Connect secret',
      needs: 'webhook.manage',
      request: (w) => ({ url: `${webhooksUrl(w.tenant.project.id)}/connect-secret/rotate`, fields: {} }),
    },
    {
      name: 'send a test event',
      needs: 'webhook.replay',
      request: (w) => ({ url: `${webhooksUrl(w.tenant.project.id)}/${w.endpointId}/test`, fields: {} }),
    },
    {
      name: 'replay a delivery',
      needs: 'webhook.replay',
      request: (w) => ({ url: `${deliveriesUrl(w.tenant.project.id)}/${w.deliveryId}/replay`, fields: {} }),
    },
    {
      name: 'replay failed deliveries',
      needs: 'webhook.replay',
      request: (w) => ({
        url: `${deliveriesUrl(w.tenant.project.id)}/replay-failed`,
        fields: { from: today(), to: today(), endpoint: '' },
      }),
    },
  ];

  const ALLOWED: Readonly<Record<MemberRole, boolean>> = {
    owner: true,
    admin: true,
    developer: true,
    viewer: false,
  };

  for (const role of MEMBER_ROLES) {
    it(`${role}: ${ALLOWED[role] ? 'may' : 'may not'} make every webhook change`, async () => {
      for (const action of ACTIONS) {
        const w = await world();
        const session = await signInMember(harness.app, { accountId: w.tenant.project.accountId, role });
        const { url, fields } = action.request(w);
        const before = await webhookStateOf(harness.store, w.tenant);
        // A later instant than the world's own audit events, so this change's event reads first.
        harness.clock.advanceBy(1_000);
        const reply = await postDashboardForm(harness.app, url, session, fields);
        const after = await webhookStateOf(harness.store, w.tenant);
        if (ALLOWED[role]) {
          assert.equal(reply.statusCode, 303, `${role} ${action.name}: ${reply.body}`);
          assert.notEqual(after, before, `${role} ${action.name} changed something`);
          const audit = await harness.store.listAuditEvents({
            accountId: w.tenant.project.accountId,
            limit: 1,
          });
          assert.equal(
            audit[0]?.actorId,
            session.memberId,
            `${role} ${action.name} is audited as the member`,
          );
        } else {
          assert.equal(reply.statusCode, 403, `${role} ${action.name}: ${reply.body}`);
          assert.equal(after, before, `${role} ${action.name} changed nothing`);
        }
      }
    });
  }

  it('every role reads every page; only members who may act see forms and buttons', async () => {
    const w = await world();
    const pages = [
      webhooksUrl(w.tenant.project.id),
      `${webhooksUrl(w.tenant.project.id)}/${w.endpointId}`,
      deliveriesUrl(w.tenant.project.id),
      `${deliveriesUrl(w.tenant.project.id)}/${w.deliveryId}`,
    ];
    for (const role of MEMBER_ROLES) {
      const session = await signInMember(harness.app, { accountId: w.tenant.project.accountId, role });
      for (const page of pages) {
        const reply = await getDashboardPage(harness.app, page, session);
        assert.equal(reply.statusCode, 200, `${role} ${page}: ${reply.body}`);
        assert.equal(reply.headers['cache-control'], 'no-store');
        assert.ok(reply.body.includes('hooks.example.com/world'), `${role} ${page} shows the endpoint`);
        // The sign-out form is the frame's; any other POST form is an action.
        const actionForms = [...reply.body.matchAll(/<form method="post" action="([^"]+)"/g)]
          .map((match) => match[1])
          .filter((action) => action !== '/dashboard/sign-out');
        if (role === 'viewer') assert.deepEqual(actionForms, [], `${role} ${page}`);
        else assert.ok(actionForms.length > 0, `${role} ${page} offers its actions`);
      }
    }
  });

  it('without a session: a page sends to /login, a change is 401; nothing changes', async () => {
    const w = await world();
    const page = await getDashboardPage(harness.app, deliveriesUrl(w.tenant.project.id), null);
    assert.equal(page.statusCode, 303);
    assert.match(String(page.headers.location), /^\/login\?next=/);
    const before = await webhookStateOf(harness.store, w.tenant);
    for (const action of ACTIONS) {
      const { url, fields } = action.request(w);
      const reply = await postDashboardForm(harness.app, url, null, fields);
      assert.equal(reply.statusCode, 401, `${action.name}: ${reply.body}`);
    }
    assert.equal(await webhookStateOf(harness.store, w.tenant), before);
  });

  it('with an expired session: a page sends to /login, a change is 401; nothing changes', async () => {
    const w = await world();
    const session = await signInMember(harness.app, { accountId: w.tenant.project.accountId, role: 'owner' });
    harness.clock.advanceBy(SESSION_IDLE_TIMEOUT_MS + 1_000);
    const page = await getDashboardPage(harness.app, webhooksUrl(w.tenant.project.id), session);
    assert.equal(page.statusCode, 303);
    assert.match(String(page.headers.location), /^\/login/);
    const before = await webhookStateOf(harness.store, w.tenant);
    for (const action of ACTIONS) {
      const { url, fields } = action.request(w);
      const reply = await postDashboardForm(harness.app, url, session, fields);
      assert.equal(reply.statusCode, 401, `${action.name}: ${reply.body}`);
    }
    assert.equal(await webhookStateOf(harness.store, w.tenant), before);
  });

  it('another account’s project, endpoint or delivery is 404, like an unknown id; nothing changes', async () => {
    const theirs = await world();
    const mine = await world();
    const before = await webhookStateOf(harness.store, theirs.tenant);
    const me = mine.session;
    const theirProject = theirs.tenant.project.id;
    const myProject = mine.tenant.project.id;
    for (const path of [
      webhooksUrl(theirProject),
      `${webhooksUrl(theirProject)}/${theirs.endpointId}`,
      deliveriesUrl(theirProject),
      `${deliveriesUrl(theirProject)}/${theirs.deliveryId}`,
      // Their ids under my own project.
      `${webhooksUrl(myProject)}/${theirs.endpointId}`,
      `${deliveriesUrl(myProject)}/${theirs.deliveryId}`,
      // Unknown ids answer the same.
      `${webhooksUrl('proj_unknown')}`,
      `${webhooksUrl(myProject)}/we_unknown`,
      `${deliveriesUrl(myProject)}/msg_unknown`,
    ]) {
      const reply = await getDashboardPage(harness.app, path, me);
      assert.equal(reply.statusCode, 404, `${path}: ${reply.body}`);
      assert.ok(!reply.body.includes('hooks.example.com/world'), path);
    }
    for (const action of ACTIONS) {
      // Their project in the URL, and their ids under mine.
      for (const w of [theirs, { ...mine, endpointId: theirs.endpointId, deliveryId: theirs.deliveryId }]) {
        const { url, fields } = action.request(w);
        const reply = await postDashboardForm(harness.app, url, me, fields);
        const underMine = w !== theirs;
        // Under my own project, only requests naming their ids can be refused (create, Connect
        // rotation and a range replay of my own project are mine to make).
        if (underMine && !/\/(we|msg)_/.test(url)) continue;
        assert.equal(reply.statusCode, 404, `${action.name} ${url}: ${reply.body}`);
      }
    }
    // Their endpoint as a filter or a replay scope of my log is refused as not mine.
    const filtered = await getDashboardPage(
      harness.app,
      `${deliveriesUrl(myProject)}?endpoint=${theirs.endpointId}`,
      me,
    );
    assert.equal(filtered.statusCode, 400);
    const scoped = await postDashboardForm(harness.app, `${deliveriesUrl(myProject)}/replay-failed`, me, {
      from: today(),
      to: today(),
      endpoint: theirs.endpointId,
    });
    assert.equal(scoped.statusCode, 400, scoped.body);
    assert.equal(await webhookStateOf(harness.store, theirs.tenant), before, 'nothing of theirs changed');
  });

  it('refuses a change without the anti-forgery token, with a wrong one, or from another origin', async () => {
    const w = await world();
    const session: DashboardTestSession = await signInMember(harness.app, {
      accountId: w.tenant.project.accountId,
      role: 'owner',
    });
    const before = await webhookStateOf(harness.store, w.tenant);
    for (const action of ACTIONS) {
      const { url, fields } = action.request(w);
      const withoutToken = await harness.app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: session.cookie,
          origin: new URL(harness.app.services.verification.publicUrl).origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString(),
      });
      assert.equal(withoutToken.statusCode, 403, `${action.name} without a token: ${withoutToken.body}`);
      const wrongToken = await postDashboardForm(harness.app, url, session, { ...fields, _csrf: 'forged' });
      assert.equal(wrongToken.statusCode, 403, `${action.name} with a wrong token`);
      const crossSite = await postDashboardForm(harness.app, url, session, fields, {
        origin: 'https://attacker.example',
      });
      assert.equal(crossSite.statusCode, 403, `${action.name} from another origin`);
      // Another member's token is no better.
      const other = await signInMember(harness.app, { accountId: w.tenant.project.accountId, role: 'owner' });
      const borrowed = await postDashboardForm(harness.app, url, session, {
        ...fields,
        _csrf: other.csrfToken,
      });
      assert.equal(borrowed.statusCode, 403, `${action.name} with another session's token`);
    }
    assert.equal(await webhookStateOf(harness.store, w.tenant), before);
  });

  it('keeps live and test apart: a test-mode endpoint or delivery never appears or acts under live', async () => {
    const w = await world();
    const projectId = w.tenant.project.id;
    const live = await getDashboardPage(harness.app, webhooksUrl(projectId, 'live'), w.session);
    assert.equal(live.statusCode, 200);
    assert.ok(!live.body.includes('hooks.example.com/world'));
    assert.match(live.body, /No webhook endpoints in this mode yet/);
    const liveLog = await getDashboardPage(harness.app, deliveriesUrl(projectId, 'live'), w.session);
    assert.equal(liveLog.statusCode, 200);
    assert.ok(!liveLog.body.includes(w.deliveryId));
    assert.match(liveLog.body, /No deliveries match/);
    const testLog = await getDashboardPage(harness.app, deliveriesUrl(projectId, 'test'), w.session);
    assert.ok(testLog.body.includes(w.deliveryId), 'the same page in test lists it');

    const before = await webhookStateOf(harness.store, w.tenant);
    for (const path of [
      `${webhooksUrl(projectId, 'live')}/${w.endpointId}`,
      `${deliveriesUrl(projectId, 'live')}/${w.deliveryId}`,
    ]) {
      assert.equal((await getDashboardPage(harness.app, path, w.session)).statusCode, 404, path);
    }
    for (const path of [
      `${webhooksUrl(projectId, 'live')}/${w.endpointId}/delete`,
      `${webhooksUrl(projectId, 'live')}/${w.endpointId}/test`,
      `${webhooksUrl(projectId, 'live')}/${w.endpointId}/rotate-secret`,
      `${deliveriesUrl(projectId, 'live')}/${w.deliveryId}/replay`,
    ]) {
      const reply = await postDashboardForm(harness.app, path, w.session);
      assert.equal(reply.statusCode, 404, path);
    }
    assert.equal(
      (
        await getDashboardPage(
          harness.app,
          `${deliveriesUrl(projectId, 'live')}?endpoint=${w.endpointId}`,
          w.session,
        )
      ).statusCode,
      400,
    );
    assert.equal(await webhookStateOf(harness.store, w.tenant), before);
    // A range replay in live leaves the failed test delivery alone.
    const replay = await postDashboardForm(
      harness.app,
      `${deliveriesUrl(projectId, 'live')}/replay-failed`,
      w.session,
      {
        from: today(),
        to: today(),
        endpoint: '',
      },
    );
    assert.equal(replay.statusCode, 303, replay.body);
    const delivery = await harness.store.findDelivery({ projectId, mode: 'test', id: w.deliveryId });
    assert.equal(delivery?.status, 'failed');
    assert.equal(
      (await getDashboardPage(harness.app, `/dashboard/p/${projectId}/staging/webhooks`, w.session))
        .statusCode,
      404,
    );
  });
});

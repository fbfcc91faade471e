// The usage page: requests by key, refusals, verifications by outcome, webhook success rate and
// latency, and the plan's limits, per UTC day; the numbers in captioned tables, the chart library
// served from our origin, test and live kept apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { addSession } from '../store-suite/verification-fixtures.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from '../support/dashboard-session.ts';
import { addDeliveryWithAttempts } from '../support/usage-fixtures.ts';

const NOW = new Date('2031-03-10T12:00:00.000Z');

/** The `data-value`s of one table row (the row of `day`), in column order. */
function rowValues(page: string, tableId: string, day: string): string[] {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(page)?.[0];
  assert.ok(table, `no table ${tableId}`);
  const row = new RegExp(`<tr><th scope="row" data-day="${day}">[\\s\\S]*?</tr>`).exec(table)?.[0];
  assert.ok(row, `no row ${day} in ${tableId}`);
  return [...row.matchAll(/data-value="([^"]*)"/g)].map((match) => match[1] ?? '');
}

describe('dashboard usage: happy paths', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  let member: DashboardTestSession;
  const overview = (mode: 'live' | 'test') => `/dashboard/p/${tenant.project.id}/${mode}/overview`;

  before(async () => {
    harness = await createTestApp({ clock: new ManualClock(NOW), faceAnalyzer: null });
    tenant = await createTestTenant(harness, { plan: 'free' });
    member = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const call = (key: string) =>
      harness.app.inject({
        method: 'GET',
        url: '/api/poy/check?userId=u1',
        headers: { authorization: `Bearer ${key}` },
      });
    for (let index = 0; index < 3; index++) await call(tenant.testKey);
    for (let index = 0; index < 7; index++) await call(tenant.liveKey);
    await harness.app.services.usage.flush();
    await harness.store.addApiUsage([
      { apiKeyId: tenant.testKeyId, day: '2031-03-08', requests: 40, rateLimited: 2 },
    ]);
    for (const outcome of ['verified', 'verified', 'failed'] as const) {
      const session = await addSession(harness.store, tenant.project.id, {
        createdAt: new Date('2031-03-09T08:00:00.000Z'),
      });
      await harness.store.updateVerificationSession(session.id, { status: 'COMPLETED', outcome });
    }
    await addSession(harness.store, tenant.project.id, { createdAt: new Date('2031-03-09T09:00:00.000Z') });
    await addDeliveryWithAttempts(harness.store, {
      projectId: tenant.project.id,
      mode: 'test',
      attempts: [
        { at: new Date('2031-03-09T10:00:00.000Z'), status: 503, ms: 120 },
        { at: new Date('2031-03-09T10:05:00.000Z'), status: 200, ms: 80 },
      ],
    });
  });
  after(async () => {
    await harness.close();
  });

  it('shows each key’s requests and refusals per day, in this mode only', async () => {
    const response = await getDashboardPage(harness.app, overview('test'), member);
    assert.equal(response.statusCode, 200, response.body);
    const page = response.body;
    assert.match(page, /<caption id="usage-requests-caption">API requests per day, by key<\/caption>/);
    // Columns: the test key, then the total (the live key made no test request, so has no column).
    assert.deepEqual(rowValues(page, 'usage-requests', '2031-03-10'), ['3', '3']);
    assert.deepEqual(rowValues(page, 'usage-requests', '2031-03-08'), ['40', '40']);
    assert.deepEqual(rowValues(page, 'usage-requests', '2031-03-09'), ['0', '0']);
    assert.deepEqual(rowValues(page, 'usage-rate-limited', '2031-03-08'), ['2', '2']);
    assert.ok(!page.includes('data-value="7"'), 'live requests must not show in test mode');
    // Thirty days: the oldest shown is 29 days before today.
    assert.deepEqual(rowValues(page, 'usage-requests', '2031-02-09'), ['0', '0']);
    assert.ok(!page.includes('data-day="2031-02-08"'));

    const live = await getDashboardPage(harness.app, overview('live'), member);
    assert.equal(live.statusCode, 200, live.body);
    assert.deepEqual(rowValues(live.body, 'usage-requests', '2031-03-10'), ['7', '7']);
    assert.match(live.body, /No verification was started in this mode during these days\./);
    assert.match(live.body, /No webhook delivery was attempted in this mode during these days\./);
  });

  it('shows verifications by outcome and webhook success rate and latency', async () => {
    const page = (await getDashboardPage(harness.app, overview('test'), member)).body;
    // verified, failed, duplicate, review, expired, not finished, total
    assert.deepEqual(rowValues(page, 'usage-verifications', '2031-03-09'), [
      '2',
      '1',
      '0',
      '0',
      '0',
      '1',
      '4',
    ]);
    // attempts, succeeded, rate, average, p95
    const webhooks = rowValues(page, 'usage-webhooks', '2031-03-09');
    assert.deepEqual(webhooks.slice(0, 4), ['2', '1', '0.5', '100']);
    assert.match(page, /<td data-value="0.5">50%<\/td>/);
    assert.deepEqual(rowValues(page, 'usage-webhooks', '2031-03-08'), ['0', '0', '', '', '']);
  });

  it('puts the plan’s limits beside the usage', async () => {
    const page = (await getDashboardPage(harness.app, overview('test'), member)).body;
    assert.match(page, /This project is on the Free plan\./);
    assert.match(page, /<th scope="row">Per minute<\/th><td>60<\/td>/);
    assert.match(page, /<th scope="row">Per day<\/th><td>1,000<\/td>/);
    // The test key's busiest day against the daily limit: 40 of 1,000.
    assert.match(page, /2031-03-08: 40<\/td>\s*<td>1,000<\/td>\s*<td>4%<\/td>/);
  });

  it('draws charts from the tables with the chart library served from our origin', async () => {
    const page = (await getDashboardPage(harness.app, overview('test'), member)).body;
    assert.match(page, /<script type="module" src="\/assets\/dashboard-charts\.[0-9a-f]{8}\.js"><\/script>/);
    assert.match(
      page,
      /<table class="dash-table usage-table" id="usage-requests" data-chart="usage-requests">/,
    );
    const script = await harness.app.inject({ method: 'GET', url: '/assets/dashboard-charts.js' });
    assert.equal(script.statusCode, 200);
    assert.match(script.body, /from '\/assets\/vendor\/uplot\/uPlot\.esm\.js'/);
    const library = await harness.app.inject({ method: 'GET', url: '/assets/vendor/uplot/uPlot.esm.js' });
    assert.equal(library.statusCode, 200);
    assert.match(String(library.headers['content-type']), /javascript/);
    assert.equal(library.headers['x-content-type-options'], 'nosniff');
    const styles = await harness.app.inject({ method: 'GET', url: '/assets/vendor/uplot/uPlot.min.css' });
    assert.equal(styles.statusCode, 200);
    assert.match(String(styles.headers['content-type']), /text\/css/);
  });

  it('says so when a project has no usage yet', async () => {
    const empty = await createTestTenant(harness, { plan: 'pro' });
    const owner = await signInMember(harness.app, { accountId: empty.project.accountId, role: 'owner' });
    const response = await getDashboardPage(
      harness.app,
      `/dashboard/p/${empty.project.id}/test/overview`,
      owner,
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.body, /No API key of this project made a request in this mode during these days\./);
    assert.match(response.body, /No request was refused by the rate limit during these days\./);
    assert.match(response.body, /<th scope="row">Per day<\/th><td>50,000<\/td>/);
  });
});

// poy_verifications_total counts attempts that end through the real phone flow (not only the sandbox):
// a live verification and a webdriver-flagged failure, each once, labelled by outcome and mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestTenant, type TestApp } from '../harness.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  createFlowTestApp,
  HEADLESS_CHROME_USER_AGENT,
  parseOutcome,
  registerAndRunFlow,
} from './flow-driver.ts';

describe('hosted flow: verification metrics', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('counts each finished attempt once, by outcome and mode, as not sandboxed', async () => {
    const tenant = await createTestTenant(harness);
    const verified = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'metrics-alice' },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(verified.reply).status, 'VERIFIED', verified.reply.body);
    const failed = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: 'metrics-bot' },
      new SoftAuthenticator(),
      { userAgent: HEADLESS_CHROME_USER_AGENT },
    );
    assert.equal(parseOutcome(failed.reply).status, 'UNFULFILLABLE', failed.reply.body);

    const samples = parsePrometheusText(await harness.app.services.metrics.render());
    const live = { mode: 'live', sandbox: 'false' };
    assert.equal(sampleValue(samples, 'poy_verifications_total', { ...live, outcome: 'verified' }), 1);
    assert.equal(sampleValue(samples, 'poy_verifications_total', { ...live, outcome: 'failed' }), 1);
    assert.equal(sampleValue(samples, 'poy_verifications_total', { mode: 'test', outcome: 'verified' }), 0);
  });
});

// Public profiles (docs/api.md §5, §8): GET /api/poy/profile/{poyId} in both id forms, the HTML page
// /p/<code> and the embeddable badge /p/<code>/badge.svg, for a human verified live through the flow.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import {
  createFlowTestApp,
  parseOutcome,
  parseReply,
  type Reply,
  registerAndRunFlow,
  runFlow,
} from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

const POY_ID = /^PoY #[0-9A-F]{7}$/;
const profileSchema = z
  .object({
    poyId: z.string().regex(POY_ID),
    isVerified: z.boolean(),
    badgeLevel: z.enum(['verified', 'unverified']),
    trustScore: z.number().int().min(0).max(100),
    verifiedSince: z.iso.datetime().nullable(),
  })
  .strict();
const enrollmentSchema = z
  .object({ poyId: z.string().regex(POY_ID), enrollmentUrl: z.string(), expiresAt: z.iso.datetime() })
  .strict();

let addressCounter = 0;
function freshAddress(): string {
  addressCounter++;
  return `192.0.2.${addressCounter}`;
}

describe('public profiles: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function profile(id: string): Promise<Reply> {
    return harness.app.inject({
      method: 'GET',
      url: `/api/poy/profile/${id}`,
      remoteAddress: freshAddress(),
    });
  }
  async function verifiedLiveHuman() {
    const tenant = await createTestTenant(harness);
    const run = await registerAndRunFlow(
      harness,
      tenant.liveKey,
      { reference_user_id: `profiled-${addressCounter}` },
      new SoftAuthenticator(),
    );
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    const code = run.passkey.poyId.slice('PoY #'.length);
    const human = await harness.store.findHumanByPoyCode(code);
    assert.ok(human?.verifiedAt, JSON.stringify(human));
    return { poyId: run.passkey.poyId, code, human };
  }

  it('a live verified human: the same profile for "PoY #…" URL-encoded and for the bare 7 hex', async () => {
    const { poyId, code, human } = await verifiedLiveHuman();
    const expected = {
      poyId,
      isVerified: true,
      badgeLevel: 'verified',
      trustScore: human.trustScore,
      verifiedSince: human.verifiedAt?.toISOString() ?? null,
    };
    assert.ok(human.trustScore > 0);
    for (const id of [
      encodeURIComponent(poyId),
      code,
      code.toLowerCase(),
      encodeURIComponent(`poy #${code}`),
      encodeURIComponent(`PoY#${code}`),
    ]) {
      const reply = await profile(id);
      assert.deepEqual(parseReply(reply, profileSchema, 200, id), expected, `${id}: ${reply.body}`);
    }
  });

  it('the profile page renders the identity and links its badge', async () => {
    const { poyId, code, human } = await verifiedLiveHuman();
    for (const path of [`/p/${code}`, `/p/${code.toLowerCase()}`]) {
      const page = await harness.app.inject({ method: 'GET', url: path });
      assert.equal(page.statusCode, 200, `${path}: ${page.body}`);
      assert.match(String(page.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.ok(page.body.includes(poyId), page.body);
      assert.ok(page.body.includes(`src="/p/${code}/badge.svg"`), page.body);
      assert.ok(page.body.includes(String(human.trustScore)), page.body);
      assert.ok(String(page.headers['content-security-policy']).includes("script-src 'self'"));
    }
  });

  it('the badge is a cacheable SVG with an ETag; If-None-Match → 304', async () => {
    const { poyId, code } = await verifiedLiveHuman();
    const badge = await harness.app.inject({ method: 'GET', url: `/p/${code}/badge.svg` });
    assert.equal(badge.statusCode, 200, badge.body);
    assert.match(String(badge.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(badge.headers['cache-control']), /^public\b/);
    assert.equal(badge.headers['x-content-type-options'], 'nosniff');
    const etag = badge.headers.etag;
    assert.ok(typeof etag === 'string' && /^"[^"]+"$/.test(etag), `ETag: ${String(etag)}`);
    assert.match(badge.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(badge.body.includes(poyId), badge.body);
    assert.ok(!/<script/i.test(badge.body), badge.body);

    const again = await harness.app.inject({ method: 'GET', url: `/p/${code}/badge.svg` });
    assert.equal(again.headers.etag, etag, 'the ETag is stable while nothing changes');
    const notModified = await harness.app.inject({
      method: 'GET',
      url: `/p/${code}/badge.svg`,
      headers: { 'if-none-match': etag },
    });
    assert.equal(notModified.statusCode, 304, notModified.body);
    assert.equal(notModified.body, '');
    assert.equal(notModified.headers.etag, etag);
    assert.match(String(notModified.headers['cache-control']), /^public\b/);
  });

  it('the badge ETag changes when the identity is verified, so caches pick up the new badge', async () => {
    const tenant = await createTestTenant(harness);
    const enrolled = parseReply(
      await harness.app.inject({
        method: 'POST',
        url: '/api/poy/public-enroll',
        remoteAddress: freshAddress(),
        payload: { email: 'etag@example.com', displayName: 'E', platform: tenant.project.publicId },
      }),
      enrollmentSchema,
    );
    const code = enrolled.poyId.slice('PoY #'.length);
    const unverified = await harness.app.inject({ method: 'GET', url: `/p/${code}/badge.svg` });
    assert.equal(unverified.statusCode, 200, unverified.body);
    const unverifiedTag = String(unverified.headers.etag);
    assert.equal(parseReply(await profile(code), profileSchema).badgeLevel, 'unverified');

    const token = new URL(enrolled.enrollmentUrl).searchParams.get('token') ?? '';
    const run = await runFlow(harness, token.slice('enr_'.length), new SoftAuthenticator());
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);

    const verified = await harness.app.inject({
      method: 'GET',
      url: `/p/${code}/badge.svg`,
      headers: { 'if-none-match': unverifiedTag },
    });
    assert.equal(verified.statusCode, 200, 'the old ETag no longer matches');
    assert.notEqual(verified.headers.etag, unverifiedTag);
    assert.notEqual(verified.body, unverified.body);
    assert.equal(parseReply(await profile(code), profileSchema).badgeLevel, 'verified');
  });
});

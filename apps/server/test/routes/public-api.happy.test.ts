// POST /api/poy/public-enroll (docs/api.md §5): no key, a project's public id as `platform`, one PoY
// identity per e-mail, a fresh enrollment link per request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { hashEmail } from '../../src/core/users/public-enroll.ts';
import { createFlowTestApp, PHONE_USER_AGENT, parseReply } from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';

const POY_ID = /^PoY #[0-9A-F]{7}$/;
const ENROLLMENT_URL = /^http:\/\/localhost:8080\/enroll\?token=enr_([0-9A-Za-z]+)$/;
const enrollmentSchema = z
  .object({
    poyId: z.string().regex(POY_ID),
    enrollmentUrl: z.string().regex(ENROLLMENT_URL),
    expiresAt: z.iso.datetime(),
  })
  .strict();
const profileSchema = z
  .object({
    poyId: z.string().regex(POY_ID),
    isVerified: z.boolean(),
    badgeLevel: z.enum(['verified', 'unverified']),
    trustScore: z.number().int().min(0).max(100),
    verifiedSince: z.iso.datetime().nullable(),
  })
  .strict();

let addressCounter = 0;
/** A client address of its own per call, so the per-IP limit (tested in the security file) stays out of the way. */
function freshAddress(): string {
  addressCounter++;
  return `192.0.2.${addressCounter}`;
}

describe('public enroll: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function enroll(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
    const reply = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      remoteAddress: freshAddress(),
      headers,
      payload,
    });
    return parseReply(reply, enrollmentSchema, 200, 'public-enroll');
  }
  function tokenOf(enrollmentUrl: string): string {
    const match = ENROLLMENT_URL.exec(enrollmentUrl);
    assert.ok(match?.[1], enrollmentUrl);
    return `enr_${match[1]}`;
  }

  it('answers {poyId, enrollmentUrl under PUBLIC_URL, expiresAt} and stores a pending live identity', async () => {
    const tenant = await createTestTenant(harness);
    const body = await enroll({
      email: 'user@example.com',
      displayName: 'Jane Doe',
      platform: tenant.project.publicId,
    });
    const ttlMs = harness.app.services.verification.inviteTtlSeconds * 1000;
    assert.equal(Date.parse(body.expiresAt), harness.clock.now().getTime() + ttlMs, JSON.stringify(body));

    const human = await harness.store.findHumanByPoyCode(body.poyId.slice('PoY #'.length));
    assert.ok(human, 'the identity exists before the phone flow');
    assert.equal(human.mode, 'live');
    assert.equal(human.status, 'pending');
    assert.equal(human.displayName, 'Jane Doe');
    assert.equal(human.emailHash, hashEmail(harness.app.services.verification, 'user@example.com'));
    // Nothing is announced to the project before the person has verified.
    assert.deepEqual(await harness.store.listOutboxEvents({ projectId: tenant.project.id }), []);
  });

  it('the same e-mail (any case, surrounding spaces) gets the same poyId and a new link each time', async () => {
    const tenant = await createTestTenant(harness);
    const platform = tenant.project.publicId;
    const first = await enroll({ email: 'same.person@example.com', displayName: 'Sam', platform });
    harness.clock.advanceBy(1_000);
    const second = await enroll({ email: '  Same.Person@EXAMPLE.com ', displayName: 'Sam P.', platform });
    const third = await enroll({ email: 'SAME.PERSON@example.COM', displayName: 'Sam', platform });
    assert.equal(second.poyId, first.poyId, JSON.stringify([first, second]));
    assert.equal(third.poyId, first.poyId, JSON.stringify([first, third]));
    const links = new Set([first.enrollmentUrl, second.enrollmentUrl, third.enrollmentUrl]);
    assert.equal(links.size, 3, JSON.stringify([...links]));
    assert.ok(Date.parse(second.expiresAt) > Date.parse(first.expiresAt));

    const someoneElse = await enroll({ email: 'other.person@example.com', displayName: 'Sam', platform });
    assert.notEqual(someoneElse.poyId, first.poyId);
  });

  it('concurrent enrollments with one e-mail make one identity', async () => {
    const tenant = await createTestTenant(harness);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        enroll({ email: 'racing@example.com', displayName: 'Racer', platform: tenant.project.publicId }),
      ),
    );
    assert.equal(new Set(answers.map((answer) => answer.poyId)).size, 1, JSON.stringify(answers));
    assert.equal(new Set(answers.map((answer) => answer.enrollmentUrl)).size, 5, JSON.stringify(answers));
  });

  it('one e-mail is one identity across projects', async () => {
    const first = await createTestTenant(harness);
    const second = await createTestTenant(harness);
    const a = await enroll({
      email: 'everywhere@example.com',
      displayName: 'E',
      platform: first.project.publicId,
    });
    const b = await enroll({
      email: 'everywhere@example.com',
      displayName: 'E',
      platform: second.project.publicId,
    });
    assert.equal(a.poyId, b.poyId);
    assert.notEqual(a.enrollmentUrl, b.enrollmentUrl);
  });

  it('the enrollment URL opens the phone flow', async () => {
    const tenant = await createTestTenant(harness);
    const body = await enroll({
      email: 'phone@example.com',
      displayName: 'Phone',
      platform: tenant.project.publicId,
    });
    const token = tokenOf(body.enrollmentUrl);
    const redirect = await harness.app.inject({
      method: 'GET',
      url: `/enroll?token=${token}`,
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(redirect.statusCode, 303, redirect.body);
    const location = String(redirect.headers.location);
    // The invite page chooses by device (a computer gets the QR hand-off; this phone gets the flow).
    assert.equal(location, `/i/${token.slice('enr_'.length)}`);
    assert.equal(redirect.headers['cache-control'], 'no-store');

    const page = await harness.app.inject({
      method: 'GET',
      url: location,
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /class="page page--phone"/);
    assert.match(page.body, /src="\/assets\/phone\.[0-9a-f]{8}\.js"/);
    const phone = await harness.app.inject({
      method: 'GET',
      url: location,
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(phone.statusCode, 200, phone.body);
    assert.match(phone.body, /class="page page--phone"/);
  });

  it("a new enrollee's profile is public and unverified", async () => {
    const tenant = await createTestTenant(harness);
    const body = await enroll({
      email: 'fresh@example.com',
      displayName: 'Fresh',
      platform: tenant.project.publicId,
    });
    const reply = await harness.app.inject({
      method: 'GET',
      url: `/api/poy/profile/${encodeURIComponent(body.poyId)}`,
      remoteAddress: freshAddress(),
    });
    assert.deepEqual(parseReply(reply, profileSchema), {
      poyId: body.poyId,
      isVerified: false,
      badgeLevel: 'unverified',
      trustScore: 0,
      verifiedSince: null,
    });
  });

  it('needs no key, and a key (even an invalid one) changes nothing', async () => {
    const tenant = await createTestTenant(harness);
    const platform = tenant.project.publicId;
    const plain = await enroll({ email: 'keyless@example.com', displayName: 'K', platform });
    const withKey = await enroll(
      { email: 'keyless@example.com', displayName: 'K', platform },
      { authorization: `Bearer ${tenant.testKey}` },
    );
    const withBadKey = await enroll(
      { email: 'keyless@example.com', displayName: 'K', platform },
      { authorization: 'Bearer nonsense' },
    );
    assert.equal(withKey.poyId, plain.poyId);
    assert.equal(withBadKey.poyId, plain.poyId);
    // Public enrollment is always live: a test key does not make a sandbox identity.
    const human = await harness.store.findHumanByPoyCode(withKey.poyId.slice('PoY #'.length));
    assert.equal(human?.mode, 'live');
  });
});

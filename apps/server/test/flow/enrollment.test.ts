// Public enrollment end to end (docs/api.md §5, §8): a person asks for a PoY identity from a project's
// front end, opens the enrollment link on their phone, creates a passkey and passes the challenge; the
// identity's public profile then says verified. The e-mail is personal data kept only as a keyed hash.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { hashEmail } from '../../src/core/users/public-enroll.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  createAssertionResponse,
  createFlowTestApp,
  createPasskeyResponse,
  expectPoyError,
  PHONE_USER_AGENT,
  PUBLIC_URL,
  parseOutcome,
  parsePasskeyStep,
  parseReply,
  personOf,
  postFlow,
  runCameraStep,
  runFlow,
  startFlow,
  submitAuthentication,
  submitCompletion,
  submitRegistration,
} from './flow-driver.ts';

const LAPTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const POY_ID = /^PoY #[0-9A-F]{7}$/;

const enrollmentSchema = z
  .object({
    poyId: z.string().regex(POY_ID),
    enrollmentUrl: z.string(),
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

const poyEventSchema = z
  .object({
    event: z.enum(['user.verified', 'user.failed', 'stamp.created', 'trust.changed', 'passkey.registered']),
    timestamp: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();

let addressCounter = 0;
/** Each enrollment comes from its own client address, so the 10/minute per-IP limit never interferes. */
function nextAddress(): string {
  addressCounter++;
  return `198.51.100.${addressCounter}`;
}

describe('public enrollment through the hosted flow', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function enroll(platform: string, email: string, displayName = 'Jane Doe') {
    const reply = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      remoteAddress: nextAddress(),
      payload: { email, displayName, platform },
    });
    const body = parseReply(reply, enrollmentSchema, 200, 'public-enroll');
    const match = /^http:\/\/localhost:8080\/enroll\?token=enr_([0-9A-Za-z]+)$/.exec(body.enrollmentUrl);
    assert.ok(match?.[1], `not an enrollment URL of ${PUBLIC_URL}: ${reply.body}`);
    return { ...body, token: `enr_${match[1]}`, code: match[1] };
  }

  async function profileOf(poyId: string) {
    const reply = await harness.app.inject({
      method: 'GET',
      url: `/api/poy/profile/${encodeURIComponent(poyId)}`,
      remoteAddress: nextAddress(),
    });
    return parseReply(reply, profileSchema, 200, `profile ${poyId}`);
  }

  async function poyEventsOf(projectId: string) {
    const rows = await harness.store.listOutboxEvents({ projectId });
    return rows
      .filter((row) => row.surface === 'poy')
      .map((row) => {
        const parsed = poyEventSchema.safeParse(JSON.parse(row.bodyJson));
        assert.ok(parsed.success, `POY event does not match docs/api.md §6: ${row.bodyJson}`);
        assert.equal(row.eventType, parsed.data.event, row.bodyJson);
        return parsed.data;
      });
  }

  it('enroll → open the link → passkey → camera step: the profile becomes verified', async () => {
    const tenant = await createTestTenant(harness);
    const email = 'jane.enrollee@example.com';
    const enrollment = await enroll(tenant.project.publicId, email);
    assert.equal(
      Date.parse(enrollment.expiresAt) - harness.clock.now().getTime(),
      harness.app.services.verification.inviteTtlSeconds * 1000,
      JSON.stringify(enrollment),
    );

    const before = await profileOf(enrollment.poyId);
    assert.deepEqual(before, {
      poyId: enrollment.poyId,
      isVerified: false,
      badgeLevel: 'unverified',
      trustScore: 0,
      verifiedSince: null,
    });

    // The link opens the phone flow.
    const opened = await harness.app.inject({
      method: 'GET',
      url: `/enroll?token=${enrollment.token}`,
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(opened.statusCode, 303, opened.body);
    assert.equal(opened.headers.location, `/i/${enrollment.code}`);
    const page = await harness.app.inject({
      method: 'GET',
      url: String(opened.headers.location),
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /class="page page--phone"/);
    // On a computer the same link offers the QR hand-off to a phone, as an invite does.
    const onLaptop = await harness.app.inject({
      method: 'GET',
      url: `/enroll?token=${enrollment.token}`,
      headers: { 'user-agent': LAPTOP_USER_AGENT },
    });
    assert.equal(onLaptop.statusCode, 303, onLaptop.body);
    const desktop = await harness.app.inject({
      method: 'GET',
      url: String(onLaptop.headers.location),
      headers: { 'user-agent': LAPTOP_USER_AGENT },
    });
    assert.equal(desktop.statusCode, 200, desktop.body);
    assert.match(desktop.body, /class="page page--desktop"/);
    assert.match(
      desktop.body,
      /<svg role="img" aria-label="QR code that opens this verification on your phone"/,
    );
    assert.match(desktop.body, /<a href="\?on=phone">Open on this device instead<\/a>/);

    const authenticator = new SoftAuthenticator();
    const run = await runFlow(harness, enrollment.code, authenticator);
    // The passkey is bound to the identity created at enrollment, not to a new one.
    assert.equal(run.passkey.poyId, enrollment.poyId, JSON.stringify(run.passkey));
    assert.equal(run.passkey.next, 'liveness');
    assert.equal(run.camera?.answer.passed, true, JSON.stringify(run.camera));
    const outcome = parseOutcome(run.reply);
    assert.equal(outcome.status, 'VERIFIED', run.reply.body);
    assert.equal(outcome.redirectUrl, null, run.reply.body);

    const after = await profileOf(enrollment.poyId);
    assert.equal(after.poyId, enrollment.poyId, JSON.stringify(after));
    assert.equal(after.isVerified, true, JSON.stringify(after));
    assert.equal(after.badgeLevel, 'verified', JSON.stringify(after));
    assert.equal(after.verifiedSince, harness.clock.now().toISOString(), JSON.stringify(after));
    assert.ok(after.trustScore >= tenant.project.trustThreshold, JSON.stringify(after));

    const human = await harness.store.findHumanByPoyCode(enrollment.poyId.slice('PoY #'.length));
    assert.ok(human, 'the enrollee is stored');
    assert.equal(human.status, 'verified');
    assert.equal(human.mode, 'live');
    assert.equal(human.trustScore, after.trustScore);

    // Exactly one user.verified for the enrollee (no business userId: a public enrollee has none).
    const events = await poyEventsOf(tenant.project.id);
    const verified = events.filter((event) => event.event === 'user.verified');
    assert.equal(verified.length, 1, JSON.stringify(events));
    assert.deepEqual(
      verified[0]?.data,
      { userId: null, poyId: enrollment.poyId, trustScore: after.trustScore },
      JSON.stringify(events),
    );
    assert.equal(events.filter((event) => event.event === 'user.failed').length, 0, JSON.stringify(events));
  });

  it('the e-mail is stored only as a keyed hash: no column of the human holds it', async () => {
    const tenant = await createTestTenant(harness);
    const email = 'Private.Person@Example.org';
    const enrollment = await enroll(tenant.project.publicId, email, 'Private Person');
    await runFlow(harness, enrollment.code, new SoftAuthenticator());

    const human = await harness.store.findHumanByPoyCode(enrollment.poyId.slice('PoY #'.length));
    assert.ok(human, 'the enrollee is stored');
    const needles = [email, email.toLowerCase(), 'private.person'];
    for (const [column, value] of Object.entries(human)) {
      const text = value instanceof Date ? value.toISOString() : JSON.stringify(value ?? null);
      for (const needle of needles) {
        assert.ok(
          !text.toLowerCase().includes(needle.toLowerCase()),
          `column ${column} holds the e-mail: ${text}`,
        );
      }
    }
    const expectedHash = hashEmail(harness.app.services.verification, email);
    assert.equal(human.emailHash, expectedHash);
    assert.match(human.emailHash ?? '', /^[0-9a-f]{64}$/);
    // Found by the hash of the normalized address, so the same person enrolling again is recognised.
    const byHash = await harness.store.findHumanByEmailHash(
      'live',
      hashEmail(harness.app.services.verification, '  private.person@EXAMPLE.org '),
    );
    assert.equal(byHash?.id, human.id);
    // Nor does any event carry it.
    const rows = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    for (const row of rows) assert.ok(!row.bodyJson.toLowerCase().includes('private.person'), row.bodyJson);
  });

  it('the verified profile page and badge render; the badge revalidates with its ETag', async () => {
    const tenant = await createTestTenant(harness);
    const enrollment = await enroll(tenant.project.publicId, 'badge.owner@example.com');
    assert.equal(
      parseOutcome((await runFlow(harness, enrollment.code, new SoftAuthenticator())).reply).status,
      'VERIFIED',
    );
    const code = enrollment.poyId.slice('PoY #'.length);

    const page = await harness.app.inject({ method: 'GET', url: `/p/${code}` });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.ok(page.body.includes(enrollment.poyId), page.body);
    assert.ok(page.body.includes(`/p/${code}/badge.svg`), page.body);
    assert.ok(!page.body.includes('badge.owner'), 'the page does not show the e-mail');

    const badge = await harness.app.inject({ method: 'GET', url: `/p/${code}/badge.svg` });
    assert.equal(badge.statusCode, 200, badge.body);
    assert.match(String(badge.headers['content-type']), /^image\/svg\+xml/);
    assert.match(String(badge.headers['cache-control']), /\bpublic\b/);
    const etag = badge.headers.etag;
    assert.ok(typeof etag === 'string' && /^"[^"]+"$/.test(etag), `ETag: ${String(etag)}`);
    assert.ok(badge.body.startsWith('<svg'), badge.body);
    assert.ok(badge.body.includes(enrollment.poyId), badge.body);

    const revalidated = await harness.app.inject({
      method: 'GET',
      url: `/p/${code}/badge.svg`,
      headers: { 'if-none-match': etag },
    });
    assert.equal(revalidated.statusCode, 304, revalidated.body);
    assert.equal(revalidated.body, '');
    assert.equal(revalidated.headers.etag, etag);

    const stale = await harness.app.inject({
      method: 'GET',
      url: `/p/${code}/badge.svg`,
      headers: { 'if-none-match': '"something-else"' },
    });
    assert.equal(stale.statusCode, 200, stale.body);
  });

  it('an enrollment link works once: after completion it cannot be run again', async () => {
    const tenant = await createTestTenant(harness);
    const enrollment = await enroll(tenant.project.publicId, 'once@example.com');
    assert.equal(
      parseOutcome((await runFlow(harness, enrollment.code, new SoftAuthenticator())).reply).status,
      'VERIFIED',
    );
    expectPoyError(
      await postFlow(harness, enrollment.code, 'start', { userAgent: PHONE_USER_AGENT, webdriver: false }),
      409,
      'conflict',
    );
  });

  it('enrolling again with the same e-mail keeps the poyId; the owner signs in with their passkey', async () => {
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    const first = await enroll(tenant.project.publicId, 'returning@example.com');
    assert.equal(parseOutcome((await runFlow(harness, first.code, person)).reply).status, 'VERIFIED');

    const second = await enroll(tenant.project.publicId, ' Returning@Example.com ');
    assert.equal(second.poyId, first.poyId);
    assert.notEqual(second.enrollmentUrl, first.enrollmentUrl);
    const run = await runFlow(harness, second.code, person, { as: 'returning' });
    assert.equal(run.passkey.poyId, first.poyId, JSON.stringify(run.passkey));
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
  });

  it("another identity's passkey cannot complete someone else's enrollment (404)", async () => {
    const tenant = await createTestTenant(harness);
    const stranger = new SoftAuthenticator();
    const own = await enroll(tenant.project.publicId, 'stranger@example.com');
    assert.equal(parseOutcome((await runFlow(harness, own.code, stranger)).reply).status, 'VERIFIED');

    const victim = await enroll(tenant.project.publicId, 'victim@example.com');
    await startFlow(harness, victim.code);
    const assertion = await createAssertionResponse(harness, victim.code, stranger);
    expectPoyError(await submitAuthentication(harness, victim.code, assertion), 404, 'not_found');
    assert.equal((await profileOf(victim.poyId)).isVerified, false);
  });

  // Public enroll sends no mail, so knowing someone's e-mail must not let anyone add a passkey to their
  // identity: an enrollee who already has a passkey has to sign in with it.
  it('knowing the e-mail of a verified identity does not let anyone add a passkey to it', async () => {
    const tenant = await createTestTenant(harness);
    const owner = new SoftAuthenticator();
    const first = await enroll(tenant.project.publicId, 'owner@example.com');
    assert.equal(parseOutcome((await runFlow(harness, first.code, owner)).reply).status, 'VERIFIED');

    // Anyone may call public-enroll with the owner's e-mail (no mail is sent, no key needed).
    const attacker = new SoftAuthenticator();
    const hijack = await enroll(tenant.project.publicId, 'owner@example.com');
    assert.equal(hijack.poyId, first.poyId);
    await startFlow(harness, hijack.code);
    const registration = await createPasskeyResponse(harness, hijack.code, attacker);
    const reply = await submitRegistration(harness, hijack.code, registration);
    assert.notEqual(
      reply.statusCode,
      200,
      `a new passkey was bound to the verified identity ${first.poyId}: ${reply.body}`,
    );
  });
  it('registration redone on the same device after a lost answer: the enrollee keeps one identity', async () => {
    const tenant = await createTestTenant(harness);
    const person = new SoftAuthenticator();
    const enrollment = await enroll(tenant.project.publicId, 'lost.answer@example.com');
    await startFlow(harness, enrollment.code);
    const first = parsePasskeyStep(
      await submitRegistration(
        harness,
        enrollment.code,
        await createPasskeyResponse(harness, enrollment.code, person),
      ),
    );
    // The answer was lost; the phone asks again. This flow's own passkey does not count against it.
    const second = parsePasskeyStep(
      await submitRegistration(
        harness,
        enrollment.code,
        await createPasskeyResponse(harness, enrollment.code, person),
      ),
    );
    assert.equal(first.poyId, enrollment.poyId);
    assert.equal(second.poyId, enrollment.poyId);
    assert.equal(second.next, 'liveness');
    const camera = await runCameraStep(harness, enrollment.code, second.flowToken, personOf(person));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    const outcome = parseOutcome(
      await submitCompletion(harness, enrollment.code, { flowToken: second.flowToken }),
    );
    assert.equal(outcome.status, 'VERIFIED', JSON.stringify(outcome));
  });
});

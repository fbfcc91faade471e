// Logs without capabilities: a realistic run through a real app — a Connect user verified on the phone
// (invite page, short code, live events, passkey, challenge), a public enrollment with an e-mail,
// webhooks (whsec_ secrets, a delivery), API keys created and revoked, project passkeys with poy_sess_
// tokens, and the usual mistakes with bad keys and tokens — with the production logger at `trace`
// writing into memory. Every secret the run saw is then looked for in every log line.
import assert from 'node:assert/strict';
import { type AddressInfo, createConnection } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createApiKey } from '../src/core/keys/create-api-key.ts';
import { revokeApiKey } from '../src/core/keys/revoke-api-key.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../src/core/webhooks/retry-schedule.ts';
import { createWebhookWorker } from '../src/jobs/webhook-worker.ts';
import { PHONE_USER_AGENT, parseOutcome, parseReply, registerUser, runFlow } from './flow/flow-driver.ts';
import {
  createCapturingLogger,
  createTestApp,
  createTestTenant,
  type TestApp,
  type TestTenant,
} from './harness.ts';
import { poyPost, registerPasskey, SESSIONS_VERIFY, signIn } from './routes/developer-api-helpers.ts';
import { drain, type Receiver, startReceiver } from './routes/webhook-helpers.ts';
import { SoftAuthenticator } from './support/soft-authenticator.ts';

const PUBLIC_URL = 'http://localhost:8080';
const SHOP = 'https://shop.example';

describe('logs hold no secret of a full run', () => {
  const capture = createCapturingLogger();
  /** Every capability, key, token, secret and e-mail address the run handled. */
  const secrets = new Set<string>();
  const remember = (...values: string[]) => {
    for (const value of values) {
      assert.ok(value.length >= 8, `too short to look for: ${value}`);
      secrets.add(value);
    }
  };
  let harness: TestApp;
  let tenant: TestTenant;
  let receiver: Receiver;
  let base: string;

  before(async () => {
    harness = await createTestApp({ config: { publicUrl: PUBLIC_URL }, logger: capture.logger });
    await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const address: AddressInfo | string | null = harness.app.server.address();
    assert.ok(address !== null && typeof address === 'object');
    base = `http://127.0.0.1:${address.port}`;
    tenant = await createTestTenant(harness, { redirectOrigins: [SHOP] });
    remember(tenant.liveKey, tenant.testKey);
    receiver = await startReceiver();
  });
  after(async () => {
    await receiver.close();
    await harness.close();
  });

  /** A request as a client sends it: the key in its header, a JSON body, from a public address. */
  const inject = (options: {
    method: 'GET' | 'POST';
    url: string;
    key?: string;
    header?: 'authorization' | 'api-key';
    payload?: unknown;
    userAgent?: string;
  }) => {
    const headers: Record<string, string> = {};
    if (options.key && options.header === 'api-key') headers['api-key'] = options.key;
    else if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    if (options.payload !== undefined) headers['content-type'] = 'application/json';
    return harness.app.inject({
      method: options.method,
      url: options.url,
      remoteAddress: '203.0.113.7',
      headers,
      ...(options.payload !== undefined ? { payload: JSON.stringify(options.payload) } : {}),
    });
  };

  it('a Connect user is verified on the phone: invite page, short code, live events, passkey, challenge', async () => {
    const email = 'jane.customer@example.com';
    remember(email);
    const user = await registerUser(harness, tenant.liveKey, {
      reference_user_id: email,
      redirect_url: `${SHOP}/done`,
    });
    remember(user.code);

    const desktop = await inject({ method: 'GET', url: `/i/${user.code}` });
    assert.equal(desktop.statusCode, 200, desktop.body);
    const shortCode = /<span aria-hidden="true">([0-9A-Z]{4}-[0-9A-Z]{4})<\/span>/.exec(desktop.body)?.[1];
    assert.ok(shortCode, 'the desktop page shows the short code');
    remember(shortCode, shortCode.replace('-', ''));
    assert.equal((await inject({ method: 'GET', url: `/i/${user.code}/status` })).statusCode, 200);

    // The desktop follows the invite live over a real socket; the stream ends with the outcome.
    // The camera step's face analysis makes the flow slow on a loaded machine: the bound only keeps a
    // hung stream from hanging the run, and a stream cut short fails the match below instead of
    // surfacing as an unhandled rejection while the flow runs.
    const stream = await fetch(`${base}/i/${user.code}/events`, { signal: AbortSignal.timeout(180_000) });
    assert.equal(stream.status, 200);
    const streamed = stream.text().catch((error: unknown) => `the stream ended early: ${String(error)}`);

    const joined = await inject({
      method: 'GET',
      url: `/join?code=${shortCode}`,
      userAgent: PHONE_USER_AGENT,
    });
    assert.equal(joined.statusCode, 303, joined.body);
    const phone = await inject({
      method: 'GET',
      url: String(joined.headers.location),
      userAgent: PHONE_USER_AGENT,
    });
    assert.equal(phone.statusCode, 200, phone.body);

    const run = await runFlow(harness, user.code, new SoftAuthenticator());
    remember(run.passkey.flowToken);
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    assert.match(await streamed, /VERIFIED/);

    const status = await inject({
      method: 'POST',
      url: '/v1/business_connect_user/get_status',
      key: tenant.liveKey,
      header: 'api-key',
      payload: { reference_user_id: email },
    });
    assert.equal(status.statusCode, 200, status.body);
    const trust = await inject({
      method: 'GET',
      url: `/api/poy/trust/${encodeURIComponent(email)}`,
      key: tenant.liveKey,
    });
    assert.ok([200, 404].includes(trust.statusCode), trust.body);
    const check = await inject({
      method: 'GET',
      url: `/api/poy/check?userId=${encodeURIComponent(email)}`,
      key: tenant.liveKey,
    });
    assert.equal(check.statusCode, 200, check.body);
  });

  it('a public enrollment with an e-mail, opened on the phone and completed', async () => {
    const email = 'enrollee.person@example.org';
    remember(email);
    const enrolled = parseReply(
      await inject({
        method: 'POST',
        url: '/api/poy/public-enroll',
        payload: { email, displayName: 'Jane Enrollee', platform: tenant.project.publicId },
      }),
      z.object({ poyId: z.string(), enrollmentUrl: z.string(), expiresAt: z.string() }),
    );
    const token = new URL(enrolled.enrollmentUrl).searchParams.get('token') ?? '';
    assert.ok(token.startsWith('enr_'), enrolled.enrollmentUrl);
    const code = token.slice('enr_'.length);
    remember(token, code);
    const opened = await inject({
      method: 'GET',
      url: `/enroll?token=${token}`,
      userAgent: PHONE_USER_AGENT,
    });
    assert.equal(opened.statusCode, 303, opened.body);
    const run = await runFlow(harness, code, new SoftAuthenticator());
    remember(run.passkey.flowToken);
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);
    const profile = await inject({
      method: 'GET',
      url: `/api/poy/profile/${encodeURIComponent(enrolled.poyId)}`,
    });
    assert.equal(profile.statusCode, 200, profile.body);
  });

  it('webhooks on both surfaces: secrets created and rotated, a delivery sent by a worker', async () => {
    const secretOf = (body: string) =>
      z.object({ secret: z.string().startsWith('whsec_') }).parse(JSON.parse(body)).secret;
    const created = await inject({
      method: 'POST',
      url: '/api/poy/webhooks',
      key: tenant.liveKey,
      payload: { url: receiver.url },
    });
    assert.equal(created.statusCode, 201, created.body);
    remember(secretOf(created.body));
    const id = z.object({ id: z.string() }).parse(JSON.parse(created.body)).id;
    const rotated = await inject({
      method: 'POST',
      url: `/api/poy/webhooks/${id}/rotate-secret`,
      key: tenant.liveKey,
    });
    assert.equal(rotated.statusCode, 200, rotated.body);
    remember(secretOf(rotated.body));
    const sent = await inject({ method: 'POST', url: `/api/poy/webhooks/${id}/test`, key: tenant.liveKey });
    assert.equal(sent.statusCode, 202, sent.body);

    const connect = await inject({
      method: 'POST',
      url: '/v1/webhook/admin/config/create_or_edit',
      key: tenant.liveKey,
      header: 'api-key',
      payload: { webhook_type: 'USER_DELETED', destination_url: receiver.url },
    });
    assert.equal(connect.statusCode, 200, connect.body);
    remember(secretOf(connect.body));
    const connectRotated = await inject({
      method: 'POST',
      url: '/v1/webhook/admin/config/rotate_secret',
      key: tenant.liveKey,
      header: 'api-key',
      payload: {},
    });
    assert.equal(connectRotated.statusCode, 200, connectRotated.body);
    remember(secretOf(connectRotated.body));

    const worker = createWebhookWorker({
      store: harness.store,
      clock: harness.clock,
      secrets: harness.app.services.webhooks.secrets,
      logger: capture.logger,
      schedule: DEFAULT_RETRY_SCHEDULE,
      policy: { enforce: false, allowedHosts: new Set() },
    });
    try {
      await drain(worker);
    } finally {
      await worker.stop();
    }
    assert.ok(receiver.requests.length >= 1, 'delivered');
  });

  it('API keys created, used, revoked and used again', async () => {
    const created = await createApiKey(harness, { projectId: tenant.project.id, mode: 'live', name: 'ci' });
    assert.ok(created);
    remember(created.secret);
    assert.equal(
      (await inject({ method: 'GET', url: '/api/poy/project', key: created.secret })).statusCode,
      200,
    );
    assert.equal(
      (await inject({ method: 'GET', url: '/api/poy/keys', key: created.secret })).statusCode,
      200,
    );
    const revoked = await revokeApiKey(harness, { keyId: created.apiKey.id, projectId: tenant.project.id });
    assert.ok(revoked.ok);
    assert.equal(
      (await inject({ method: 'GET', url: '/api/poy/project', key: created.secret })).statusCode,
      401,
    );
    const connect = await inject({
      method: 'POST',
      url: '/v1/business_connect_user/get_status',
      key: created.secret,
      header: 'api-key',
      payload: { reference_user_id: 'someone' },
    });
    assert.equal(connect.statusCode, 401, connect.body);
  });

  it('project passkeys: a poy_sess_ token issued, verified, and a tampered one refused', async () => {
    const authenticator = new SoftAuthenticator();
    await registerPasskey(harness, tenant.liveKey, authenticator, 'usr_logcheck');
    const session = await signIn(harness, tenant.liveKey, authenticator, { userId: 'usr_logcheck' });
    remember(session.sessionToken);
    const verified = await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, {
      sessionToken: session.sessionToken,
    });
    assert.equal(verified.statusCode, 200, verified.body);
    const tampered = `${session.sessionToken.slice(0, -4)}AAAA`;
    remember(tampered);
    const refused = await poyPost(harness, tenant.liveKey, SESSIONS_VERIFY, { sessionToken: tampered });
    assert.ok(refused.statusCode >= 200, refused.body);
  });

  it('mistakes: malformed and foreign keys, secrets sent as keys, wrong flow tokens, unknown capabilities', async () => {
    const badKeys = [
      'poy_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'poy_test_notARealKey0000000000000000',
      'whsec_c2VudCBhcyBhIGtleSBieSBtaXN0YWtl',
      'Zm9yZ290LXRoZS1wcmVmaXgtMTIzNDU2',
    ];
    remember(...badKeys);
    for (const key of badKeys) {
      assert.equal((await inject({ method: 'GET', url: '/api/poy/project', key })).statusCode, 401);
      const connect = await inject({
        method: 'POST',
        url: '/v1/business_connect_user/register',
        key,
        header: 'api-key',
        payload: { reference_user_id: 'x' },
      });
      assert.equal(connect.statusCode, 401, connect.body);
    }
    // A key in the query string (a common mistake): refused, and never logged.
    const inQuery = await inject({ method: 'GET', url: `/api/poy/project?api_key=${tenant.testKey}` });
    assert.equal(inQuery.statusCode, 401);

    const user = await registerUser(harness, tenant.testKey, { reference_user_id: 'mistakes@example.net' });
    remember(user.code, 'mistakes@example.net');
    const wrongFlowToken = 'dGhpcy1pcy1ub3QtdGhlLWZsb3ctdG9rZW4tMDAwMDA';
    remember(wrongFlowToken);
    const started = await inject({
      method: 'POST',
      url: `/flow/${user.code}/start`,
      payload: { userAgent: PHONE_USER_AGENT, webdriver: false },
    });
    assert.equal(started.statusCode, 200, started.body);
    const challenge = await inject({
      method: 'POST',
      url: `/flow/${user.code}/challenge`,
      payload: { flowToken: wrongFlowToken },
    });
    assert.ok(challenge.statusCode >= 400, challenge.body);
    const malformed = await harness.app.inject({
      method: 'POST',
      url: `/flow/${user.code}/complete`,
      headers: { 'content-type': 'application/json' },
      payload: `{"flowToken":"${wrongFlowToken}"`,
    });
    assert.equal(malformed.statusCode, 400, malformed.body);

    const unknownCode = 'Q2FwYWJpbGl0eU5vdFJlYWw';
    remember(unknownCode, 'enr_Q2FwYWJpbGl0eU5vdFJlYWw');
    for (const [method, url] of [
      ['GET', `/i/${user.code}/nope`],
      ['POST', `/i/${user.code}`],
      ['GET', `/i/${unknownCode}`],
      ['GET', `/i/${unknownCode}/events`],
      ['POST', `/flow/${unknownCode}/start`],
      ['GET', `/enroll?token=enr_${unknownCode}`],
      ['POST', `/join?code=${user.code}`],
      ['GET', `/join?code=${unknownCode}`],
    ] as const) {
      const reply = await inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      // Refused, or (an enrollment link is checked for its shape only) sent on to a page that refuses it.
      assert.ok(reply.statusCode >= 300, `${method} ${url}: ${reply.statusCode}`);
    }
    const badEmail = await inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      payload: { email: 'not-an-address@@example.com', displayName: 'X', platform: 'nope-platform' },
    });
    assert.equal(badEmail.statusCode, 400, badEmail.body);
    const unknownPlatform = await inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      payload: { email: 'lost.person@example.com', displayName: 'X', platform: 'nope-platform' },
    });
    remember('lost.person@example.com');
    assert.equal(unknownPlatform.statusCode, 404, unknownPlatform.body);
  });

  it('a malformed HTTP request carrying a key and an invite path (logged by Fastify at trace)', async () => {
    const user = await registerUser(harness, tenant.testKey, { reference_user_id: 'raw-client' });
    remember(user.code);
    const url = new URL(base);
    await new Promise<void>((resolve, reject) => {
      const socket = createConnection(Number(url.port), url.hostname, () => {
        socket.write(
          `GET /i/${user.code}/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tenant.liveKey}\r\n` +
            'Not A Header\r\n\r\n',
        );
      });
      socket.on('data', () => {});
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });
  });

  it('no log line holds any of them', async () => {
    // Closing flushes every line; the checks below read what was written.
    await harness.app.close();
    const lines = capture.lines;
    assert.ok(lines.length > 100, `expected a full log, got ${lines.length} lines`);
    assert.ok(secrets.size >= 25, `collected only ${secrets.size} secrets`);
    const all = lines.join('');
    // The log is there to be read: the requests are in it, with their capability cut out.
    assert.match(all, /"url":"\/i\/\[redacted\]\/events"/);
    assert.match(all, /"url":"\/flow\/\[redacted\]\/passkey\/register"/);
    assert.match(all, /"url":"\/enroll"/);
    assert.match(all, /"url":"\/join"/);
    assert.match(all, /webhook attempt/);
    // A malformed request is logged (by http/client-error.ts) with its code only, never its raw bytes.
    assert.match(all, /"msg":"malformed HTTP request"/);
    for (const line of lines) {
      const lower = searchableText(line).toLowerCase();
      for (const secret of secrets) {
        assert.ok(!lower.includes(secret.toLowerCase()), `a secret (${secret}) was logged: ${line}`);
      }
    }
  });
});

/** A log line, plus the text of any byte array in it (a Buffer serializes as numbers). */
function searchableText(line: string): string {
  const parts = [line];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((item) => Number.isInteger(item))) {
        parts.push(Buffer.from(value.map(Number)).toString('latin1'));
      } else value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(JSON.parse(line));
  return parts.join('\n');
}

// Retries: the backoff schedule (pure), the retry decision table, and the client's behaviour with an
// injected fetch and clock: same Idempotency-Key on every attempt, Retry-After honoured, limits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIError, ConnectionError, POYVerify, RateLimitError, TimeoutError } from '../src/index.ts';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, decideRetry } from '../src/retry.ts';
import { rejectionOf, scriptedClient, VERIFIED } from './helpers.ts';

const STAMP = {
  stampId: 'stmp_7f8a9b0c1d2e',
  signature: 'ecdsa:abc',
  createdBy: 'PoY #00482A1',
  createdAt: '2026-04-07T12:30:00.000Z',
  keyId: 'poy-stamp-20260407-3e4555022522',
  format: 'poy-stamp/v1',
};
const STAMP_INPUT = { userId: 'usr_1', contentHash: `sha256:${'a'.repeat(64)}`, contentType: 'article' };

describe('backoff', () => {
  it('doubles from 500 ms up to 8 s, with jitter between half and all of the gap', () => {
    const low = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, () => 0.999999));
    assert.deepEqual(low, [250, 500, 1000, 2000, 4000, 4000, 4000]);
    assert.deepEqual(high, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('decides by failure kind, idempotency and Retry-After', () => {
    const policy = DEFAULT_RETRY_POLICY;
    const random = () => 0;
    const decide = (
      failure: Parameters<typeof decideRetry>[0]['failure'],
      idempotent: boolean,
      retryNumber = 1,
    ) => decideRetry({ failure, retryNumber, idempotent, policy, random });
    const status = (code: number, retryAfterSeconds: number | null = null) =>
      ({ kind: 'status', status: code, retryAfterSeconds }) as const;

    assert.deepEqual(decide({ kind: 'network' }, true), { retry: true, delayMs: 250 });
    assert.deepEqual(decide({ kind: 'timeout' }, true), { retry: true, delayMs: 250 });
    assert.deepEqual(decide({ kind: 'network' }, false), { retry: false });
    assert.deepEqual(decide(status(503), true), { retry: true, delayMs: 250 });
    assert.deepEqual(decide(status(503, 2), true), { retry: true, delayMs: 2000 });
    assert.deepEqual(decide(status(500), false), { retry: false });
    assert.deepEqual(decide(status(429, 3), false), { retry: true, delayMs: 3000 });
    assert.deepEqual(decide(status(429), false), { retry: true, delayMs: 250 });
    assert.deepEqual(decide(status(429, 61), true), { retry: false });
    assert.deepEqual(decide(status(409), true), { retry: false });
    assert.deepEqual(decide(status(409, 1), true), { retry: true, delayMs: 1000 });
    for (const code of [400, 401, 403, 404, 413])
      assert.deepEqual(decide(status(code), true), { retry: false });
    assert.deepEqual(decide(status(503), true, 3), { retry: false });
  });
});

describe('client retries', () => {
  it('retries a POST on 503 and 429 with one Idempotency-Key, honouring Retry-After', async () => {
    const { poy, requests, waits } = scriptedClient([
      {
        status: 503,
        body: { error: { code: 503, message: 'Database unavailable.', type: 'service_unavailable' } },
      },
      { status: 429, body: { error: { code: 429, message: 'Slow down.' } }, headers: { 'retry-after': '3' } },
      { status: 201, body: STAMP },
    ]);
    const stamp = await poy.stamps.create(STAMP_INPUT);
    assert.equal(stamp.stampId, STAMP.stampId);
    assert.equal(requests.length, 3);
    const keys = requests.map((request) => request.headers.get('idempotency-key'));
    assert.match(keys[0] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(keys).size, 1, 'the same key on every attempt');
    assert.deepEqual(
      requests.map((request) => request.body),
      Array(3).fill(JSON.stringify(STAMP_INPUT)),
    );
    // 503: backoff (random 0.5 → 375 ms); 429: Retry-After 3 s exactly.
    assert.deepEqual(waits, [375, 3000]);
  });

  it('uses a new Idempotency-Key per logical call, or the caller’s own', async () => {
    const { poy, requests } = scriptedClient([{ status: 201, body: STAMP }]);
    await poy.stamps.create(STAMP_INPUT);
    await poy.stamps.create(STAMP_INPUT);
    await poy.stamps.create(STAMP_INPUT, { idempotencyKey: 'order-42' });
    const keys = requests.map((request) => request.headers.get('idempotency-key'));
    assert.notEqual(keys[0], keys[1]);
    assert.equal(keys[2], 'order-42');
  });

  it('GETs are retried on network errors and 5xx without an Idempotency-Key', async () => {
    const { poy, requests, waits } = scriptedClient([
      { networkError: 'fetch failed' },
      { status: 502, rawBody: 'bad gateway' },
      { status: 200, body: { isHuman: true, poyId: 'PoY #00482A1' } },
    ]);
    assert.deepEqual(await poy.check('usr_1'), { isHuman: true, poyId: 'PoY #00482A1' });
    assert.equal(requests.length, 3);
    assert.equal(requests[0]?.headers.get('idempotency-key'), null);
    assert.deepEqual(waits, [375, 750]);
  });

  it('timeouts are retried for idempotent calls, then reported', async () => {
    const { poy, requests } = scriptedClient(['hang'], { timeoutMs: 10, maxRetries: 2 });
    const error = await rejectionOf(() => poy.check('usr_1'));
    assert.ok(error instanceof TimeoutError);
    assert.equal(requests.length, 3);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { poy, requests } = scriptedClient(
      [{ status: 500, body: { error: { code: 500, message: 'Boom.' } } }],
      {
        maxRetries: 4,
      },
    );
    const error = await rejectionOf(() => poy.verify('usr_1'));
    assert.ok(error instanceof APIError);
    assert.equal(requests.length, 5);
    const perCall = scriptedClient([{ status: 500, body: {} }], { maxRetries: 4 });
    await rejectionOf(() => perCall.poy.verify('usr_1', { maxRetries: 0 }));
    assert.equal(perCall.requests.length, 1);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterSeconds', async () => {
    const { poy, requests, waits } = scriptedClient(
      [
        {
          status: 429,
          body: { error: { code: 429, message: 'Daily limit.' } },
          headers: { 'retry-after': '3600' },
        },
      ],
      { maxRetryAfterSeconds: 60 },
    );
    const error = await rejectionOf(() => poy.check('usr_1'));
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.retryAfterSeconds, 3600);
    assert.equal(requests.length, 1);
    assert.deepEqual(waits, []);
  });

  it('public enrollment (no key, so no Idempotency-Key) is retried after 429 only', async () => {
    const enrolled = {
      poyId: 'PoY #009F3B2',
      enrollmentUrl: 'http://x/enroll?token=enr_1',
      expiresAt: '2026-04-08T12:00:00.000Z',
    };
    const limited = scriptedClient([
      { status: 429, body: { error: { code: 429, message: 'Too many.' } }, headers: { 'retry-after': '1' } },
      { status: 200, body: enrolled },
    ]);
    const input = { email: 'jane@example.com', displayName: 'Jane', platform: 'demo' };
    assert.deepEqual(await limited.poy.publicEnroll(input), enrolled);
    assert.equal(limited.requests[0]?.headers.get('authorization'), null);
    assert.equal(limited.requests[0]?.headers.get('idempotency-key'), null);

    const failing = scriptedClient([
      { status: 503, body: {} },
      { status: 200, body: enrolled },
    ]);
    assert.ok((await rejectionOf(() => failing.poy.publicEnroll(input))) instanceof APIError);
    assert.equal(failing.requests.length, 1);
    const unreachable = scriptedClient([{ networkError: 'reset' }, { status: 200, body: enrolled }]);
    assert.ok((await rejectionOf(() => unreachable.poy.publicEnroll(input))) instanceof ConnectionError);
    assert.equal(unreachable.requests.length, 1);
  });

  it('read-like POSTs are retried without storing an Idempotency-Key', async () => {
    const { poy, requests } = scriptedClient([
      { status: 503, body: {} },
      { status: 200, body: VERIFIED },
    ]);
    assert.equal((await poy.verify('usr_1')).isHuman, true);
    assert.equal(requests.length, 2);
    assert.equal(requests[0]?.headers.get('idempotency-key'), null);
  });

  it('waits with the real clock when no sleep is injected', async () => {
    let calls = 0;
    const poy = new POYVerify({
      apiKey: 'poy_test_key',
      baseUrl: 'http://poy.test',
      initialRetryDelayMs: 40,
      random: () => 1,
      fetch: async () => {
        calls++;
        return calls === 1
          ? new Response('{}', { status: 503 })
          : new Response(JSON.stringify({ isHuman: false, poyId: null }), { status: 200 });
      },
    });
    const started = performance.now();
    await poy.check('usr_1');
    assert.equal(calls, 2);
    assert.ok(performance.now() - started >= 35, 'waited the backoff');
  });
});

// Webhook signature helpers against vectors computed with node:crypto (and the standardwebhooks
// reference package). The pure-TS SHA-256/HMAC they rest on is tested in packages/wire.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  verifyConnectSignature,
  verifyPoySignature,
  verifyStandardWebhook,
  verifyWebhook,
} from '../src/index.ts';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const BODY = JSON.stringify({
  event: 'user.verified',
  timestamp: '2026-04-07T12:00:00.000Z',
  data: { userId: 'usr_abc123', poyId: 'PoY #00482A1', trustScore: 94, note: 'héllo ✓' },
});

function poySignature(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function standardHeaders(input: { id: string; timestampSeconds: number; body: string; secrets: string[] }) {
  const signatures = input.secrets.map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const mac = createHmac('sha256', key).update(`${input.id}.${input.timestampSeconds}.${input.body}`);
    return `v1,${mac.digest('base64')}`;
  });
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': signatures.join(' '),
  };
}

describe('verifyPoySignature (X-POY-Signature)', () => {
  it('accepts the hex HMAC of the raw body keyed with the secret string, for string and bytes bodies', () => {
    const signature = poySignature(BODY, SECRET);
    assert.equal(verifyPoySignature(BODY, signature, SECRET), true);
    assert.equal(verifyPoySignature(Buffer.from(BODY), signature, SECRET), true);
    assert.equal(verifyPoySignature(new TextEncoder().encode(BODY).buffer, signature, SECRET), true);
    assert.equal(verifyPoySignature(BODY, signature.toUpperCase(), SECRET), true);
  });

  it('refuses another body, another secret, a truncated or malformed signature, and nothing', () => {
    const signature = poySignature(BODY, SECRET);
    assert.equal(verifyPoySignature(`${BODY} `, signature, SECRET), false);
    assert.equal(verifyPoySignature(BODY, signature, `${SECRET}x`), false);
    assert.equal(verifyPoySignature(BODY, signature.slice(0, -2), SECRET), false);
    assert.equal(verifyPoySignature(BODY, `${signature.slice(0, -1)}g`, SECRET), false);
    assert.equal(verifyPoySignature(BODY, `sha256=${signature}`, SECRET), false);
    assert.equal(verifyPoySignature(BODY, '', SECRET), false);
    assert.equal(verifyPoySignature(BODY, undefined, SECRET), false);
    assert.equal(verifyPoySignature(BODY, null, SECRET), false);
    assert.equal(verifyPoySignature(BODY, signature, ''), false);
    // Re-serialised JSON is other bytes: the raw body is what was signed.
    assert.equal(verifyPoySignature(JSON.stringify(JSON.parse(BODY), null, 2), signature, SECRET), false);
  });
});

describe('verifyConnectSignature (X-Hub-Signature-256)', () => {
  it('accepts sha256=<hex HMAC> and refuses the bare hex, other prefixes and other bodies', () => {
    const header = `sha256=${poySignature(BODY, SECRET)}`;
    assert.equal(verifyConnectSignature(BODY, header, SECRET), true);
    assert.equal(verifyConnectSignature(Buffer.from(BODY), header, SECRET), true);
    assert.equal(verifyConnectSignature(BODY, poySignature(BODY, SECRET), SECRET), false);
    assert.equal(verifyConnectSignature(BODY, header.replace('sha256=', 'sha1='), SECRET), false);
    assert.equal(verifyConnectSignature(`${BODY}x`, header, SECRET), false);
    assert.equal(verifyConnectSignature(BODY, header, 'whsec_other'), false);
    assert.equal(verifyConnectSignature(BODY, undefined, SECRET), false);
  });
});

describe('verifyStandardWebhook (webhook-id / webhook-timestamp / webhook-signature)', () => {
  const now = new Date('2026-04-07T12:00:00.000Z');
  const timestampSeconds = Math.floor(now.getTime() / 1000);
  const id = 'msg_2b7TcYq2';

  it('accepts signatures made by the standardwebhooks reference package', () => {
    const webhook = new Webhook(SECRET);
    const signature = webhook.sign(id, now, BODY);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': signature,
    };
    assert.equal(verifyStandardWebhook(BODY, headers, SECRET, { now }), true);
    // And the reference package accepts what the vectors here are built like.
    const ours = standardHeaders({ id, timestampSeconds, body: BODY, secrets: [SECRET] });
    assert.equal(ours['webhook-signature'], signature);
  });

  it('accepts any matching v1 signature among several, skipping unknown versions', () => {
    const old = `whsec_${randomBytes(24).toString('base64')}`;
    const headers = standardHeaders({ id, timestampSeconds, body: BODY, secrets: [SECRET, old] });
    const withUnknown = {
      ...headers,
      'webhook-signature': `v2,${randomBytes(32).toString('base64')} v1a,abc ${headers['webhook-signature']}`,
    };
    assert.equal(verifyStandardWebhook(BODY, withUnknown, SECRET, { now }), true);
    assert.equal(verifyStandardWebhook(BODY, withUnknown, old, { now }), true);
    assert.equal(
      verifyStandardWebhook(BODY, withUnknown, `whsec_${randomBytes(24).toString('base64')}`, { now }),
      false,
    );
    // A valid MAC under an unknown version is not trusted.
    const onlyV2 = { ...headers, 'webhook-signature': headers['webhook-signature'].replaceAll('v1,', 'v2,') };
    assert.equal(verifyStandardWebhook(BODY, onlyV2, SECRET, { now }), false);
  });

  it('reads fetch Headers and Node-style records with any case and array values', () => {
    const headers = standardHeaders({ id, timestampSeconds, body: BODY, secrets: [SECRET] });
    assert.equal(verifyStandardWebhook(BODY, new Headers(headers), SECRET, { now }), true);
    const upper = Object.fromEntries(
      Object.entries(headers).map(([key, value]) => [key.toUpperCase(), value]),
    );
    assert.equal(verifyStandardWebhook(BODY, upper, SECRET, { now }), true);
    const arrays = { ...headers, 'webhook-signature': [headers['webhook-signature'], 'v1,bm9wZQ=='] };
    assert.equal(verifyStandardWebhook(BODY, arrays, SECRET, { now }), true);
  });

  it('enforces the timestamp tolerance both ways (default 300 s)', () => {
    for (const [offset, expected] of [
      [0, true],
      [300, true],
      [-300, true],
      [301, false],
      [-301, false],
    ] as const) {
      const headers = standardHeaders({
        id,
        timestampSeconds: timestampSeconds + offset,
        body: BODY,
        secrets: [SECRET],
      });
      assert.equal(verifyStandardWebhook(BODY, headers, SECRET, { now }), expected, `offset ${offset}`);
    }
    const stale = standardHeaders({
      id,
      timestampSeconds: timestampSeconds - 3600,
      body: BODY,
      secrets: [SECRET],
    });
    assert.equal(verifyStandardWebhook(BODY, stale, SECRET, { now, toleranceSeconds: 3601 }), true);
  });

  it('refuses missing headers, a tampered id/timestamp/body, and malformed values', () => {
    const headers = standardHeaders({ id, timestampSeconds, body: BODY, secrets: [SECRET] });
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const { [name]: _removed, ...rest } = headers;
      assert.equal(verifyStandardWebhook(BODY, rest, SECRET, { now }), false, `without ${name}`);
    }
    assert.equal(
      verifyStandardWebhook(BODY, { ...headers, 'webhook-id': 'msg_other' }, SECRET, { now }),
      false,
    );
    assert.equal(
      verifyStandardWebhook(BODY, { ...headers, 'webhook-timestamp': String(timestampSeconds + 1) }, SECRET, {
        now,
      }),
      false,
    );
    assert.equal(
      verifyStandardWebhook(BODY, { ...headers, 'webhook-timestamp': '1e9' }, SECRET, { now }),
      false,
    );
    assert.equal(verifyStandardWebhook(`${BODY} `, headers, SECRET, { now }), false);
    assert.equal(
      verifyStandardWebhook(BODY, { ...headers, 'webhook-signature': 'v1,***' }, SECRET, { now }),
      false,
    );
    assert.equal(verifyStandardWebhook(BODY, headers, 'whsec_not base64!', { now }), false);
  });
});

describe('verifyWebhook', () => {
  it('with a signature string: X-POY-Signature hex, or sha256=… as Connect', () => {
    const hex = poySignature(BODY, SECRET);
    assert.equal(verifyWebhook(BODY, hex, SECRET), true);
    assert.equal(verifyWebhook(BODY, `sha256=${hex}`, SECRET), true);
    assert.equal(verifyWebhook(BODY, hex, 'whsec_wrong'), false);
    assert.equal(verifyWebhook(BODY, null, SECRET), false);
  });

  it('with headers: Standard Webhooks first, then X-POY-Signature, then X-Hub-Signature-256', () => {
    const now = new Date();
    const timestampSeconds = Math.floor(now.getTime() / 1000);
    const standard = standardHeaders({ id: 'msg_1', timestampSeconds, body: BODY, secrets: [SECRET] });
    const hex = poySignature(BODY, SECRET);
    assert.equal(verifyWebhook(BODY, { ...standard, 'x-poy-signature': hex }, SECRET), true);
    // The Standard Webhooks check decides when its headers are present (a stale one fails).
    const stale = standardHeaders({
      id: 'msg_1',
      timestampSeconds: timestampSeconds - 3600,
      body: BODY,
      secrets: [SECRET],
    });
    assert.equal(verifyWebhook(BODY, { ...stale, 'x-poy-signature': hex }, SECRET), false);
    assert.equal(verifyWebhook(BODY, { 'X-POY-Signature': hex }, SECRET), true);
    assert.equal(verifyWebhook(BODY, { 'x-hub-signature-256': `sha256=${hex}` }, SECRET), true);
    assert.equal(verifyWebhook(BODY, {}, SECRET), false);
  });
});

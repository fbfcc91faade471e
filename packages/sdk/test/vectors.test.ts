// The shared test vectors (spec/test-vectors/) through the SDK's public API, as a receiver uses it. Every
// good case must verify and every bad one be refused, and the signed bytes are recomputed here with
// node:crypto (independently of the SDK), so a changed secret, body, id, timestamp, claim or field makes
// a case fail; the files' SHA-256 (SHA256SUMS) catches any other changed byte.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  readRedirectVectors,
  readSessionVectors,
  readStampVectors,
  readWebhookVectors,
  type WebhookVector,
} from '../../../spec/test-vectors/read-vectors.ts';
import {
  stampStatementBytes,
  verifyConnectSignature,
  verifyPoySignature,
  verifyRedirectResult,
  verifySessionTokenOffline,
  verifyStampOffline,
  verifyStandardWebhook,
  verifyWebhook,
} from '../src/index.ts';

/** The signature headers POY sends for `sent`, computed with node:crypto alone. */
function signatureHeaders(sent: WebhookVector['sent']): Record<string, string> {
  const hex = createHmac('sha256', sent.secrets.current).update(sent.body, 'utf8').digest('hex');
  const standard = [
    sent.secrets.current,
    ...(sent.secrets.previous === null ? [] : [sent.secrets.previous]),
  ].map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const mac = createHmac('sha256', key).update(`${sent.webhookId}.${sent.timestamp}.${sent.body}`, 'utf8');
    return `v1,${mac.digest('base64')}`;
  });
  return {
    'webhook-id': sent.webhookId,
    'webhook-timestamp': String(sent.timestamp),
    'webhook-signature': standard.join(' '),
    ...(sent.surface === 'poy' ? { 'x-poy-signature': hex } : { 'x-hub-signature-256': `sha256=${hex}` }),
  };
}

describe('shared test vectors: webhook signatures', () => {
  const vectors = readWebhookVectors();

  it('has good and bad cases of every scheme', () => {
    for (const scheme of ['poy', 'connect', 'standard'] as const) {
      const cases = vectors.filter((vector) => vector.scheme === scheme);
      assert.ok(cases.some((vector) => vector.valid) && cases.some((vector) => !vector.valid), scheme);
    }
  });

  for (const vector of vectors) {
    it(`${vector.name}: ${vector.why}`, () => {
      const { sentHeaders } = vector;
      for (const [name, value] of Object.entries(signatureHeaders(vector.sent))) {
        assert.equal(sentHeaders[name], value, `${name} recomputed from what was sent`);
      }
      const { body, headers } = vector.received;
      const { secret, now, toleranceSeconds } = vector.receiver;
      const options = { now: new Date(now * 1000), toleranceSeconds };
      let valid: boolean;
      if (vector.scheme === 'poy') {
        valid = verifyPoySignature(body, headers['x-poy-signature'], secret);
        assert.equal(verifyWebhook(Buffer.from(body), headers['x-poy-signature'], secret), valid);
      } else if (vector.scheme === 'connect') {
        valid = verifyConnectSignature(body, headers['x-hub-signature-256'], secret);
        assert.equal(verifyWebhook(body, headers, secret), valid, 'verifyWebhook with the headers');
      } else {
        valid = verifyStandardWebhook(body, headers, secret, options);
        assert.equal(
          verifyWebhook(new TextEncoder().encode(body), new Headers(headers), secret, options),
          valid,
        );
      }
      assert.equal(valid, vector.valid);
    });
  }
});

describe('shared test vectors: content stamps', () => {
  const { jwks, statements, stamps } = readStampVectors();

  for (const vector of statements) {
    it(`statement: ${vector.name}`, () => {
      const bytes = stampStatementBytes(vector.statement);
      if (vector.bytesHex === null) {
        // stampStatementBytes lower-cases the hash first (as the API does); any other broken rule gives null.
        const { contentHash } = vector.statement;
        const fixable = vector.invalidField === 'contentHash' && contentHash !== contentHash.toLowerCase();
        assert.equal(bytes === null, !fixable, `${vector.invalidField} breaks its rule`);
      } else {
        assert.equal(Buffer.from(bytes ?? []).toString('hex'), vector.bytesHex);
      }
    });
  }

  for (const vector of stamps) {
    it(`${vector.name}: ${vector.why}`, async () => {
      assert.equal(
        Buffer.from(stampStatementBytes(vector.signed.statement) ?? []).toString('hex'),
        vector.signed.bytesHex,
      );
      const stamp = {
        ...vector.stamp,
        ...(vector.content === null ? {} : { content: vector.content }),
        ...(vector.contentHash === null ? {} : { contentHash: vector.contentHash }),
      };
      const check = await verifyStampOffline(stamp, jwks, { mode: vector.acceptTest ? 'any' : 'live' });
      assert.deepEqual(check, vector.expected);
    });
  }
});

describe('shared test vectors: session tokens', () => {
  const vectors = readSessionVectors();

  for (const vector of vectors) {
    it(`${vector.name}: ${vector.why}`, async () => {
      if (vector.signed !== null) {
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
        const [header, payload] = vector.token.slice('poy_sess_'.length).split('.');
        assert.equal(header, encode(vector.signed.header), 'the header is the signed one');
        assert.equal(payload, encode(vector.signed.claims), 'the claims are the signed ones');
      }
      const { now, ...expectations } = vector.expect;
      const check = await verifySessionTokenOffline(vector.token, vector.jwks, {
        ...expectations,
        now: new Date(now * 1000),
      });
      if (vector.expected.valid) {
        assert.ok(check.valid, JSON.stringify(check));
        assert.deepEqual(check.claims, vector.expected.claims);
        assert.equal(check.userId, vector.expected.claims.sub);
      } else {
        assert.deepEqual(check, vector.expected);
      }
    });
  }
});

describe('shared test vectors: redirect results', () => {
  for (const vector of readRedirectVectors()) {
    it(`${vector.name}: ${vector.why}`, async () => {
      if (vector.signed !== null) {
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
        const [header, payload] = vector.token.split('.');
        assert.equal(header, encode(vector.signed.header), 'the header is the signed one');
        assert.equal(payload, encode(vector.signed.claims), 'the claims are the signed ones');
      }
      const { now, ...expectations } = vector.expect;
      const check = await verifyRedirectResult(vector.token, {
        ...expectations,
        jwks: vector.jwks,
        now: new Date(now * 1000),
      });
      if (vector.expected.valid) {
        assert.ok(check.valid, JSON.stringify(check));
        assert.deepEqual(check.claims, vector.expected.claims);
        assert.equal(check.userId, vector.expected.claims.sub);
        assert.equal(check.status, vector.expected.claims.status);
      } else {
        assert.deepEqual(check, vector.expected);
      }
    });
  }
});

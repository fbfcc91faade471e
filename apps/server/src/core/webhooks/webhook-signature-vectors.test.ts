// The shared webhook vectors (spec/test-vectors/webhook-signatures.json) against what this server sends:
// every header of every delivery built as the worker builds it must be byte for byte the one in the
// vectors, and a receiver using the same (@poy/wire) checks must accept the good cases and refuse the
// bad ones. The file's SHA-256 is checked on reading, so no byte of it can change unnoticed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildDeliveryHeaders,
  verifyConnectSignature,
  verifyPoySignature,
  verifyStandardWebhook,
} from '@poy/wire';
import { readWebhookVectors } from '../../../../../spec/test-vectors/read-vectors.ts';
import { nodeHmacSha256 } from './node-hmac-sha256.ts';

describe('shared test vectors: webhook signatures (server)', () => {
  for (const vector of readWebhookVectors()) {
    it(`${vector.name}: ${vector.why}`, () => {
      const { sent } = vector;
      const input = {
        surface: sent.surface,
        secrets: sent.secrets,
        webhookId: sent.webhookId,
        timestampSeconds: sent.timestamp,
        body: sent.body,
      };
      // With node:crypto's HMAC, as the worker signs, and with the pure one receivers use.
      assert.deepEqual(buildDeliveryHeaders({ ...input, hmac: nodeHmacSha256 }), vector.sentHeaders);
      assert.deepEqual(buildDeliveryHeaders(input), vector.sentHeaders);

      const { body, headers: received } = vector.received;
      const { secret, now, toleranceSeconds } = vector.receiver;
      const valid =
        vector.scheme === 'poy'
          ? verifyPoySignature(body, received['x-poy-signature'], secret)
          : vector.scheme === 'connect'
            ? verifyConnectSignature(body, received['x-hub-signature-256'], secret)
            : verifyStandardWebhook(body, received, secret, { now: new Date(now * 1000), toleranceSeconds });
      assert.equal(valid, vector.valid);
    });
  }
});

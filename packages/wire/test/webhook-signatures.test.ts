// Signing and verifying webhook deliveries: the signers against node:crypto and the standardwebhooks
// reference package, and every header of a delivery verified by the receiver-side checks.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  buildDeliveryHeaders,
  signConnectBody,
  signPoyBody,
  signStandardWebhook,
  verifyConnectSignature,
  verifyPoySignature,
  verifyStandardWebhook,
  verifyWebhook,
} from '../src/index.ts';

const SECRET = `whsec_${Buffer.from('0123456789abcdefghijklmn').toString('base64')}`;
const PREVIOUS = `whsec_${Buffer.from('nmlkjihgfedcba9876543210').toString('base64')}`;
const BODY = '{"event":"user.verified","timestamp":"2026-04-07T12:00:00.000Z","data":{"note":"héllo ✓"}}';
const NOW = new Date('2026-04-07T12:00:00.000Z');
const TIMESTAMP = NOW.getTime() / 1000;

describe('webhook signing', () => {
  it('signs X-POY-Signature and X-Hub-Signature-256 as node:crypto does, over the UTF-8 body', () => {
    const hex = createHmac('sha256', SECRET).update(BODY, 'utf8').digest('hex');
    assert.equal(signPoyBody(BODY, SECRET), hex);
    assert.equal(signPoyBody(Buffer.from(BODY), SECRET), hex);
    assert.equal(signConnectBody(BODY, SECRET), `sha256=${hex}`);
  });

  it('signs Standard Webhooks as the reference package does', () => {
    const reference = new Webhook(SECRET).sign('msg_1', NOW, BODY);
    assert.equal(
      signStandardWebhook({ secret: SECRET, webhookId: 'msg_1', timestampSeconds: TIMESTAMP, body: BODY }),
      reference,
    );
    assert.throws(() =>
      signStandardWebhook({ secret: 'whsec_not base64!', webhookId: 'm', timestampSeconds: 1, body: '' }),
    );
  });

  it('builds every header of a POY delivery, the previous secret signing second during a rotation', () => {
    const headers = buildDeliveryHeaders({
      surface: 'poy',
      secrets: { current: SECRET, previous: PREVIOUS },
      webhookId: 'msg_1',
      timestampSeconds: TIMESTAMP,
      body: BODY,
    });
    const standard = (secret: string) =>
      signStandardWebhook({ secret, webhookId: 'msg_1', timestampSeconds: TIMESTAMP, body: BODY });
    assert.deepEqual(headers, {
      'content-type': 'application/json',
      'user-agent': 'POY-Webhooks/1',
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(TIMESTAMP),
      'webhook-signature': `${standard(SECRET)} ${standard(PREVIOUS)}`,
      'x-poy-signature': signPoyBody(BODY, SECRET),
    });
    for (const secret of [SECRET, PREVIOUS]) {
      assert.equal(verifyStandardWebhook(BODY, headers, secret, { now: NOW }), true);
      assert.equal(verifyWebhook(BODY, headers, secret, { now: NOW }), true);
    }
    // The surface's own header is signed with the current secret only.
    assert.equal(verifyPoySignature(BODY, headers['x-poy-signature'], SECRET), true);
    assert.equal(verifyPoySignature(BODY, headers['x-poy-signature'], PREVIOUS), false);
  });

  it('builds a Connect delivery with X-Hub-Signature-256 instead, and one Standard signature without a rotation', () => {
    const headers = buildDeliveryHeaders({
      surface: 'connect',
      secrets: { current: SECRET, previous: null },
      webhookId: 'msg_2',
      timestampSeconds: TIMESTAMP,
      body: BODY,
    });
    assert.equal(headers['x-poy-signature'], undefined);
    assert.equal(verifyConnectSignature(BODY, headers['x-hub-signature-256'], SECRET), true);
    assert.equal(headers['webhook-signature']?.split(' ').length, 1);
    assert.equal(verifyStandardWebhook(BODY, headers, SECRET, { now: NOW }), true);
    assert.equal(verifyStandardWebhook(`${BODY} `, headers, SECRET, { now: NOW }), false);
  });
});

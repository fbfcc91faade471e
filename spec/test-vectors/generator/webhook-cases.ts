// webhook-signatures.json: the three schemes, signed with node:crypto alone.
import { createHmac } from 'node:crypto';
import { changeOneByte, derived, secret, T } from './vector-values.ts';

function hmacHex(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

function standardSignature(secretValue: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secretValue.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

const SECRET_A = secret('secret A');
const SECRET_A_NEXT = secret('secret A, after a rotation');
const SECRET_C = secret('an unrelated secret');
const POY_BODY =
  '{"event":"user.verified","timestamp":"2026-04-07T12:00:00.000Z","data":{"userId":"usr_abc123","poyId":"PoY #00482A1","trustScore":94}}';
const UTF8_BODY =
  '{"event":"webhook.test","timestamp":"2026-04-07T12:00:00.000Z","data":{"endpointId":"we_3f9c1a7e5b2d","note":"héllo ✓ 日本"}}';
const CONNECT_BODY =
  '{"transaction_id":"ewh:7d0e8a2c-4b1f-4e5a-9c3d-2f6b8e1a0c47","user_id":"bcu_9f8e7d6c5b4a","reference_user_id":"usr_abc123","type":"USER_VERIFICATION_COMPLETED","payload":{"simple_data_request_response":{"type":"GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID","humanness_score":94,"unique_human_id":"uh_5e4d3c2b1a09","uniqueness_region_id":null}},"created_at":"2026-04-07T12:00:00.000Z"}';

interface Sent {
  surface: 'poy' | 'connect';
  secrets: { current: string; previous: string | null };
  webhookId: string;
  timestamp: number;
  body: string;
}

function sentHeaders(sent: Sent): Record<string, string> {
  const secrets = [sent.secrets.current, ...(sent.secrets.previous === null ? [] : [sent.secrets.previous])];
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'POY-Webhooks/1',
    'webhook-id': sent.webhookId,
    'webhook-timestamp': String(sent.timestamp),
    'webhook-signature': secrets
      .map((value) => standardSignature(value, sent.webhookId, sent.timestamp, sent.body))
      .join(' '),
  };
  if (sent.surface === 'connect')
    headers['x-hub-signature-256'] = `sha256=${hmacHex(sent.secrets.current, sent.body)}`;
  else headers['x-poy-signature'] = hmacHex(sent.secrets.current, sent.body);
  return headers;
}

type Scheme = 'poy' | 'connect' | 'standard';
const SCHEME_HEADERS: Record<Scheme, string[]> = {
  poy: ['x-poy-signature'],
  connect: ['x-hub-signature-256'],
  standard: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
};

function webhookCase(input: {
  name: string;
  why: string;
  scheme: Scheme;
  sent: Sent;
  valid: boolean;
  receivedBody?: string;
  headerChanges?: Record<string, string>;
  receiver?: { secret?: string; now?: number; toleranceSeconds?: number };
}) {
  const headers = sentHeaders(input.sent);
  const received: Record<string, string> = {};
  for (const name of SCHEME_HEADERS[input.scheme]) received[name] = headers[name] ?? '';
  Object.assign(received, input.headerChanges ?? {});
  return {
    name: input.name,
    why: input.why,
    scheme: input.scheme,
    sent: input.sent,
    sentHeaders: headers,
    received: { body: input.receivedBody ?? input.sent.body, headers: received },
    receiver: {
      secret: input.receiver?.secret ?? input.sent.secrets.current,
      now: input.receiver?.now ?? input.sent.timestamp,
      toleranceSeconds: input.receiver?.toleranceSeconds ?? 300,
    },
    valid: input.valid,
  };
}

const poy: Sent = {
  surface: 'poy',
  secrets: { current: SECRET_A, previous: null },
  webhookId: 'msg_2b7tcyq2x9w4',
  timestamp: T,
  body: POY_BODY,
};
const connect: Sent = { ...poy, surface: 'connect', webhookId: 'msg_8c1d4e7f0a3b', body: CONNECT_BODY };
const rotated: Sent = { ...poy, secrets: { current: SECRET_A_NEXT, previous: SECRET_A } };
const poyHex = hmacHex(SECRET_A, POY_BODY);
const goodStandard = standardSignature(SECRET_A, poy.webhookId, T, POY_BODY);
const unknownVersion = `v2,${derived('a v2 signature', 32).toString('base64')}`;
const changedPoyBody = changeOneByte(POY_BODY, '"trustScore":94', '"trustScore":95');

function poyAndConnectCases() {
  return [
    webhookCase({ name: 'poy/valid', why: 'as sent', scheme: 'poy', sent: poy, valid: true }),
    webhookCase({
      name: 'poy/valid-utf8-body',
      why: 'the body is UTF-8 bytes, non-ASCII included',
      scheme: 'poy',
      sent: { ...poy, body: UTF8_BODY },
      valid: true,
    }),
    webhookCase({
      name: 'poy/wrong-secret',
      why: 'checked with another secret',
      scheme: 'poy',
      sent: poy,
      receiver: { secret: SECRET_C },
      valid: false,
    }),
    webhookCase({
      name: 'poy/changed-body-byte',
      why: 'one byte of the body changed (94 -> 95)',
      scheme: 'poy',
      sent: poy,
      receivedBody: changedPoyBody,
      valid: false,
    }),
    webhookCase({
      name: 'poy/truncated-signature',
      why: 'the last byte of the MAC is missing',
      scheme: 'poy',
      sent: poy,
      headerChanges: { 'x-poy-signature': poyHex.slice(0, -2) },
      valid: false,
    }),
    webhookCase({ name: 'connect/valid', why: 'as sent', scheme: 'connect', sent: connect, valid: true }),
    webhookCase({
      name: 'connect/missing-prefix',
      why: 'the bare hex without `sha256=`',
      scheme: 'connect',
      sent: connect,
      headerChanges: { 'x-hub-signature-256': hmacHex(SECRET_A, CONNECT_BODY) },
      valid: false,
    }),
    webhookCase({
      name: 'connect/wrong-secret',
      why: 'checked with another secret',
      scheme: 'connect',
      sent: connect,
      receiver: { secret: SECRET_C },
      valid: false,
    }),
    webhookCase({
      name: 'connect/changed-body-byte',
      why: 'one byte of the body changed (94 -> 93)',
      scheme: 'connect',
      sent: connect,
      receivedBody: changeOneByte(CONNECT_BODY, '"humanness_score":94', '"humanness_score":93'),
      valid: false,
    }),
  ];
}

function standardCases() {
  return [
    webhookCase({ name: 'standard/valid', why: 'as sent', scheme: 'standard', sent: poy, valid: true }),
    webhookCase({
      name: 'standard/valid-connect-delivery',
      why: 'Connect deliveries carry the same Standard Webhooks headers',
      scheme: 'standard',
      sent: connect,
      valid: true,
    }),
    webhookCase({
      name: 'standard/valid-utf8-body',
      why: 'the body is UTF-8 bytes, non-ASCII included',
      scheme: 'standard',
      sent: { ...poy, body: UTF8_BODY },
      valid: true,
    }),
    webhookCase({
      name: 'standard/rotation-new-secret',
      why: 'during the 24 h after a rotation both secrets sign; the new one verifies',
      scheme: 'standard',
      sent: rotated,
      receiver: { secret: SECRET_A_NEXT },
      valid: true,
    }),
    webhookCase({
      name: 'standard/rotation-previous-secret',
      why: 'during the 24 h after a rotation both secrets sign; the previous one verifies (second signature)',
      scheme: 'standard',
      sent: rotated,
      receiver: { secret: SECRET_A },
      valid: true,
    }),
    webhookCase({
      name: 'standard/rotation-other-secret',
      why: 'neither of the two signatures is made with this secret',
      scheme: 'standard',
      sent: rotated,
      receiver: { secret: SECRET_C },
      valid: false,
    }),
    webhookCase({
      name: 'standard/unknown-version-skipped',
      why: 'a signature of an unknown version comes first and is skipped; the v1 one matches',
      scheme: 'standard',
      sent: poy,
      headerChanges: { 'webhook-signature': `${unknownVersion} ${goodStandard}` },
      valid: true,
    }),
    webhookCase({
      name: 'standard/valid-mac-under-unknown-version',
      why: 'the right MAC, labelled v2: versions other than v1 are never trusted',
      scheme: 'standard',
      sent: poy,
      headerChanges: { 'webhook-signature': goodStandard.replace(/^v1,/, 'v2,') },
      valid: false,
    }),
  ];
}

function standardFailureCases() {
  return [
    webhookCase({
      name: 'standard/tolerance-edge-past',
      why: 'received exactly 300 s after the timestamp',
      scheme: 'standard',
      sent: poy,
      receiver: { now: T + 300 },
      valid: true,
    }),
    webhookCase({
      name: 'standard/tolerance-edge-future',
      why: 'the receiver clock is exactly 300 s behind',
      scheme: 'standard',
      sent: poy,
      receiver: { now: T - 300 },
      valid: true,
    }),
    webhookCase({
      name: 'standard/too-old',
      why: 'received 301 s after the timestamp (a replay)',
      scheme: 'standard',
      sent: poy,
      receiver: { now: T + 301 },
      valid: false,
    }),
    webhookCase({
      name: 'standard/too-far-in-the-future',
      why: 'the timestamp is 301 s ahead of the receiver clock',
      scheme: 'standard',
      sent: poy,
      receiver: { now: T - 301 },
      valid: false,
    }),
    webhookCase({
      name: 'standard/wider-tolerance',
      why: 'an hour old, with a tolerance of an hour',
      scheme: 'standard',
      sent: poy,
      receiver: { now: T + 3600, toleranceSeconds: 3600 },
      valid: true,
    }),
    webhookCase({
      name: 'standard/changed-body-byte',
      why: 'one byte of the body changed (94 -> 95)',
      scheme: 'standard',
      sent: poy,
      receivedBody: changedPoyBody,
      valid: false,
    }),
    webhookCase({
      name: 'standard/changed-webhook-id',
      why: 'another webhook-id',
      scheme: 'standard',
      sent: poy,
      headerChanges: { 'webhook-id': 'msg_2b7tcyq2x9w5' },
      valid: false,
    }),
    webhookCase({
      name: 'standard/changed-timestamp',
      why: 'webhook-timestamp one second later (still within tolerance): it is signed',
      scheme: 'standard',
      sent: poy,
      headerChanges: { 'webhook-timestamp': String(T + 1) },
      receiver: { now: T + 1 },
      valid: false,
    }),
    webhookCase({
      name: 'standard/wrong-secret',
      why: 'checked with another secret',
      scheme: 'standard',
      sent: poy,
      receiver: { secret: SECRET_C },
      valid: false,
    }),
    webhookCase({
      name: 'standard/malformed-signature',
      why: 'not base64',
      scheme: 'standard',
      sent: poy,
      headerChanges: { 'webhook-signature': 'v1,***' },
      valid: false,
    }),
  ];
}

export function webhookVectors() {
  return {
    about:
      'Webhook signatures (docs/api.md §4, §6, §7). `sent` is what POY signed and `sentHeaders` every header it sends for it; `received` is what a receiver got, checked with `receiver.secret` at `receiver.now` (Unix seconds) under `scheme`: `poy` = X-POY-Signature (hex HMAC-SHA256 of the body, key = the secret string), `connect` = X-Hub-Signature-256 (`sha256=` + the same), `standard` = Standard Webhooks (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, key = base64-decoded part after `whsec_`; unknown versions skipped; |now - timestamp| <= toleranceSeconds). `valid` is the expected answer.',
    generatedBy: 'spec/test-vectors/generate.ts',
    cases: [...poyAndConnectCases(), ...standardCases(), ...standardFailureCases()],
  };
}

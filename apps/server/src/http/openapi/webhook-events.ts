// The document's `webhooks` section (OpenAPI 3.1): every event of both surfaces, with its body schema
// and the headers that sign it (docs/api.md §4.5, §6, §7). The body schemas are typed against
// @poy/wire's event types, so an event whose shape changes there fails the type check here, and the
// records keyed by event type fail when a type is added without its schema.
import {
  CONNECT_EVENT_TYPES,
  type ConnectEventPayload,
  type ConnectEventType,
  type ConnectTestWebhookEvent,
  POY_EVENT_TYPES,
  type PoyEventData,
  type PoyEventType,
  type PoyTestWebhookEvent,
  type SimpleDataRequestResponse,
} from '@poy/wire';
import { z } from 'zod';

const timestamp = z.string().describe('ISO-8601 UTC with milliseconds');
const trustLevel = z.enum(['high', 'medium', 'low', 'none']);
const nullableUserId = z.string().nullable().describe('Your id for the user; null for a public enrollment');

const POY_DATA: { [E in PoyEventType]: z.ZodType<PoyEventData[E]> } = {
  'user.verified': z.object({ userId: nullableUserId, poyId: z.string(), trustScore: z.number().int() }),
  'user.failed': z.object({
    userId: nullableUserId,
    reason: z.enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS']),
    reasons: z.array(z.string()).describe('The scoring reason codes, or ["DUPLICATE_HUMAN"]'),
  }),
  'user.expired': z.object({
    userId: z.string(),
    reason: z.literal('EXPIRED'),
    reasons: z.array(z.string()).describe('["EXPIRED"]'),
  }),
  'stamp.created': z.object({
    stampId: z.string(),
    userId: z.string(),
    poyId: z.string(),
    contentHash: z.string(),
    contentType: z.string(),
  }),
  'trust.changed': z.object({
    userId: nullableUserId,
    poyId: z.string(),
    previousTrustScore: z.number().int(),
    trustScore: z.number().int(),
    previousLevel: trustLevel,
    level: trustLevel,
  }),
  'passkey.registered': z.object({ userId: z.string(), credentialId: z.string() }),
};

const POY_SUMMARIES: { [E in PoyEventType]: string } = {
  'user.verified': 'A verification succeeded (Connect user, verify link or public enrollment)',
  'user.failed': 'A verification ended failed or duplicate',
  'user.expired':
    'A verification link expired before the person finished (with Connect UNFULFILLABLE EXPIRED)',
  'stamp.created': 'A stamp was created (POST /api/poy/stamps)',
  'trust.changed': "With user.verified, when the identity's score moved by 10 or more or its level changed",
  'passkey.registered': 'A passkey was registered (POST /api/poy/passkeys/register/verify)',
};

const simpleDataRequestResponse: z.ZodType<SimpleDataRequestResponse> = z.union([
  z.object({
    type: z.literal('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID'),
    humanness_score: z.number().int(),
    unique_human_id: z.string(),
    uniqueness_region_id: z.string().nullable(),
  }),
  z.object({ type: z.literal('IS_PHONE_NUMBER_VERIFIED'), is_phone_number_verified: z.literal(true) }),
]);

const CONNECT_PAYLOADS: { [T in ConnectEventType]: z.ZodType<ConnectEventPayload[T]> } = {
  USER_VERIFICATION_COMPLETED: z.object({
    simple_data_request_response: simpleDataRequestResponse.nullable(),
  }),
  USER_VERIFICATION_REVOKED: z.object({}),
  USER_VERIFICATION_DETERMINED_UNFULFILLABLE: z.object({
    reason: z.enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED']).nullable(),
  }),
  USER_DELETED: z.object({}),
};

const CONNECT_SUMMARIES: { [T in ConnectEventType]: string } = {
  USER_VERIFICATION_COMPLETED: 'The user became VERIFIED',
  USER_VERIFICATION_REVOKED: 'The verification was revoked, or the person erased',
  USER_VERIFICATION_DETERMINED_UNFULFILLABLE: 'Failed checks, a duplicate human, or an expired invite',
  USER_DELETED: 'The user was deleted',
};

const poyTestEvent: z.ZodType<PoyTestWebhookEvent> = z.object({
  event: z.literal('webhook.test'),
  timestamp,
  data: z.object({ endpointId: z.string() }),
});

const connectTestEvent: z.ZodType<ConnectTestWebhookEvent> = z.object({
  transaction_id: z.string(),
  user_id: z.null(),
  reference_user_id: z.null(),
  type: z.literal('WEBHOOK_TEST'),
  payload: z.object({ webhook_type: z.string().nullable() }),
  created_at: timestamp,
});

function poyEvent(type: PoyEventType): z.ZodType {
  return z.object({ event: z.literal(type), timestamp, data: POY_DATA[type] });
}

function connectEvent(type: ConnectEventType): z.ZodType {
  return z.object({
    transaction_id: z.string().describe('`ewh:` + a UUID, the same on every retry and replay'),
    user_id: z.string(),
    reference_user_id: z.string(),
    type: z.literal(type),
    payload: CONNECT_PAYLOADS[type],
    created_at: timestamp,
  });
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
}

function header(name: string, description: string, pattern?: string): Record<string, unknown> {
  return {
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  };
}

const STANDARD_HEADERS = [
  header('webhook-id', 'The delivery id (msg_…), the same on every retry and replay: deduplicate on it'),
  header('webhook-timestamp', 'Unix seconds of this attempt', '^[0-9]+$'),
  header(
    'webhook-signature',
    'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with ' +
      'the base64-decoded part of the whsec_ secret; after a rotation, two signatures separated by a space',
  ),
];

const SURFACE_HEADERS = {
  poy: header(
    'X-POY-Signature',
    'Lower-case hex HMAC-SHA256 of the raw body, keyed with the secret string as shown (whsec_…)',
    '^[0-9a-f]{64}$',
  ),
  connect: header(
    'X-Hub-Signature-256',
    '`sha256=` + lower-case hex HMAC-SHA256 of the raw body, keyed with the secret string as shown (whsec_…)',
    '^sha256=[0-9a-f]{64}$',
  ),
};

interface WebhookEntry {
  name: string;
  schemaName: string;
  surface: 'poy' | 'connect';
  summary: string;
  schema: z.ZodType;
}

function entries(): WebhookEntry[] {
  const toName = (words: string[]) =>
    words.map((word) => word.charAt(0) + word.slice(1).toLowerCase()).join('');
  return [
    ...POY_EVENT_TYPES.map((type) => ({
      name: type,
      schemaName: `Poy${toName(type.toUpperCase().split('.'))}Event`,
      surface: 'poy' as const,
      summary: POY_SUMMARIES[type],
      schema: poyEvent(type),
    })),
    {
      name: 'webhook.test',
      schemaName: 'PoyWebhookTestEvent',
      surface: 'poy',
      summary: 'POST /api/poy/webhooks/{id}/test, to that endpoint only',
      schema: poyTestEvent,
    },
    ...CONNECT_EVENT_TYPES.map((type) => ({
      name: type,
      schemaName: `Connect${toName(type.split('_'))}Event`,
      surface: 'connect' as const,
      summary: CONNECT_SUMMARIES[type],
      schema: connectEvent(type),
    })),
    {
      name: 'WEBHOOK_TEST',
      schemaName: 'ConnectWebhookTestEvent',
      surface: 'connect',
      summary: 'The Connect webhook test, to that destination only',
      schema: connectTestEvent,
    },
  ];
}

function operationIdOf(entry: WebhookEntry): string {
  const words = entry.name.toLowerCase().split(/[._]/);
  return `on${entry.surface === 'poy' ? 'Poy' : 'Connect'}${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
}

/** The `webhooks` section and the body schemas it references. */
export function webhookSection(): {
  webhooks: Record<string, unknown>;
  schemas: Record<string, Record<string, unknown>>;
} {
  const webhooks: Record<string, unknown> = {};
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const entry of entries()) {
    schemas[entry.schemaName] = jsonSchemaOf(entry.schema);
    webhooks[entry.name] = {
      post: {
        operationId: operationIdOf(entry),
        tags: [entry.surface === 'poy' ? 'Webhooks' : 'Connect webhooks'],
        summary: entry.summary,
        description:
          'POY sends this to your endpoint. Verify a signature on the raw body bytes before parsing (docs/api.md §7).',
        security: [],
        parameters: [...STANDARD_HEADERS, SURFACE_HEADERS[entry.surface]],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${entry.schemaName}` } } },
        },
        responses: {
          '2XX': { description: 'Any 2xx within 15 seconds acknowledges the delivery' },
          '4XX': { description: 'A failed attempt: retried with exponential backoff (16 attempts in all)' },
          default: { description: 'Any other answer, a redirect or a timeout is a failed attempt, retried' },
        },
      },
    };
  }
  return { webhooks, schemas };
}

// The soak test's request mix: valid and bad requests over every API operation of both surfaces, drawn
// from a seeded generator so two runs send the same sequence. Valid requests mostly reuse a bounded pool
// of user ids (as a real project's traffic does) with a share of never-seen ids, so tables grow while
// caches see both hits and misses. Bad requests cover what a fuzzer sends: unknown and malformed keys,
// broken JSON, NUL characters (escaped in JSON, raw in the body, encoded in the path), unknown paths,
// wrong methods and content types, and bodies over the server's limit.
import { createHash } from 'node:crypto';

export interface SoakRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Server-sent events: read the first chunk, then drop the connection (as a closed browser tab). */
  stream?: boolean;
}

export interface SoakTenant {
  /** Enterprise project, no rate limits. */
  apiKey: string;
  /** The project's public id, for public enrollment. */
  publicId: string;
  /** Where webhook endpoints point: a receiver on 127.0.0.1 in the soak process. */
  receiverUrl: string;
}

/** What successful answers taught the generator (ids to use in later requests); every list is capped. */
interface LearnedIds {
  verifiedUserIds: string[];
  poyIds: string[];
  stampIds: string[];
  inviteCodes: string[];
  webhookIds: string[];
}

const LEARNED_CAP = 200;
const USER_POOL = 2_000;
/** At most this many POY webhook endpoints exist at once; creating more deletes instead. */
const WEBHOOK_CAP = 10;
/** Over the server's default 100 KiB body limit. */
const OVERSIZED_BYTES = 120 * 1024;

/** mulberry32: small, fast and good enough to pick requests; seeded so runs are repeatable. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function remember(list: string[], value: unknown): void {
  if (typeof value !== 'string' || list.includes(value)) return;
  list.push(value);
  if (list.length > LEARNED_CAP) list.shift();
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  return Object.getOwnPropertyDescriptor(value, name)?.value;
}

interface Kind {
  name: string;
  weight: number;
  build(index: number): SoakRequest;
  /** Reads ids out of a 2xx JSON answer. */
  learn?(body: unknown, request: SoakRequest): void;
}

export interface SoakMix {
  /** The request with this sequence number and the name of its kind. */
  next(index: number): { kind: string; request: SoakRequest; learn: (body: unknown) => void };
  kindNames(): string[];
}

export function createSoakMix(tenant: SoakTenant, seed = 20_240_601): SoakMix {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const learned: LearnedIds = {
    verifiedUserIds: [],
    poyIds: [],
    stampIds: [],
    inviteCodes: [],
    webhookIds: [],
  };

  const json = { 'content-type': 'application/json' };
  const poy = { authorization: `Bearer ${tenant.apiKey}` };
  const poyJson = { ...poy, ...json };
  const connectJson = { 'api-key': tenant.apiKey, ...json };
  const hex = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  // Nine in ten requests name a user from the pool; the rest a user never seen before.
  const userId = (index: number) =>
    random() < 0.9 ? `soak-user-${Math.floor(random() * USER_POOL)}` : `soak-once-${index}`;
  const contentHash = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
  const post = (path: string, headers: Record<string, string>, body: unknown): SoakRequest => ({
    method: 'POST',
    path,
    headers,
    body: JSON.stringify(body),
  });
  const get = (path: string, headers: Record<string, string> = {}): SoakRequest => ({
    method: 'GET',
    path,
    headers,
  });

  const kinds: Kind[] = [
    // Connect (API-KEY header, snake_case).
    {
      name: 'connect register',
      weight: 7,
      build: (i) => post('/v1/business_connect_user/register', connectJson, { reference_user_id: userId(i) }),
      learn: (body) => {
        const url = field(body, 'invite_url');
        if (typeof url === 'string') remember(learned.inviteCodes, url.split('/i/')[1]);
      },
    },
    {
      name: 'connect get_status',
      weight: 6,
      build: (i) =>
        post('/v1/business_connect_user/get_status', connectJson, { reference_user_id: userId(i) }),
    },
    {
      name: 'connect sandbox outcome',
      weight: 2,
      build: (i) =>
        post('/v1/sandbox/outcome', connectJson, {
          reference_user_id: userId(i),
          // One in four is upper case: a 400.
          outcome: pick(['verified', 'failed', 'expired', 'VERIFIED']),
        }),
    },
    {
      name: 'connect webhook admin',
      weight: 2,
      build: () => {
        const action = pick(['create_or_edit', 'get', 'delete']) ?? 'get';
        const body =
          action === 'create_or_edit'
            ? { webhook_type: 'USER_VERIFICATION_STATUS_UPDATED', destination_url: tenant.receiverUrl }
            : { webhook_type: 'USER_VERIFICATION_STATUS_UPDATED' };
        return post(`/v1/webhook/admin/config/${action}`, connectJson, body);
      },
    },
    // POY (Bearer, camelCase).
    {
      name: 'poy verify',
      weight: 6,
      build: (i) =>
        post('/api/poy/verify', poyJson, { userId: userId(i), checkType: pick(['full', 'quick']) }),
    },
    {
      name: 'poy check',
      weight: 12,
      build: (i) => get(`/api/poy/check?userId=${encodeURIComponent(userId(i))}`, poy),
    },
    {
      name: 'poy trust',
      weight: 5,
      build: (i) => get(`/api/poy/trust/${encodeURIComponent(userId(i))}`, poy),
    },
    {
      name: 'poy sandbox outcome',
      weight: 3,
      build: (i) =>
        post('/api/poy/sandbox/outcome', poyJson, {
          userId: userId(i),
          outcome: random() < 0.8 ? 'verified' : 'failed',
        }),
      learn: (body, request) => {
        if (field(body, 'isHuman') !== true) return;
        remember(learned.poyIds, field(body, 'poyId'));
        if (typeof request.body === 'string')
          remember(learned.verifiedUserIds, field(JSON.parse(request.body), 'userId'));
      },
    },
    {
      name: 'poy stamp create',
      weight: 4,
      build: (i) =>
        post('/api/poy/stamps', poyJson, {
          userId: pick(learned.verifiedUserIds) ?? userId(i),
          contentHash: contentHash(`soak content ${i}`),
          contentType: 'article',
          title: `Soak article ${i}`,
        }),
      learn: (body) => remember(learned.stampIds, field(body, 'stampId')),
    },
    {
      name: 'poy stamp verify',
      weight: 4,
      build: () =>
        post('/api/poy/stamps/verify', poyJson, { stampId: pick(learned.stampIds) ?? `stmp_${hex(12)}` }),
    },
    {
      name: 'poy profile (public)',
      weight: 3,
      build: () => get(`/api/poy/profile/${encodeURIComponent(pick(learned.poyIds) ?? `PoY #${hex(7)}`)}`),
    },
    {
      name: 'poy public enroll',
      weight: 3,
      build: (i) =>
        post('/api/poy/public-enroll', json, {
          email: `soak-${i}@example.com`,
          displayName: `Soak ${i}`,
          platform: random() < 0.8 ? tenant.publicId : `no-such-${hex(6)}`,
        }),
    },
    {
      name: 'poy webhook create/delete',
      weight: 3,
      build: () => {
        const oldest = learned.webhookIds[0];
        if (learned.webhookIds.length >= WEBHOOK_CAP && oldest !== undefined) {
          learned.webhookIds.shift();
          return { method: 'DELETE', path: `/api/poy/webhooks/${oldest}`, headers: poy };
        }
        return post('/api/poy/webhooks', poyJson, { url: tenant.receiverUrl, events: ['user.verified'] });
      },
      learn: (body) => {
        const id = field(body, 'id');
        if (typeof id === 'string' && field(body, 'deleted') === undefined) remember(learned.webhookIds, id);
      },
    },
    {
      name: 'poy webhook read/patch',
      weight: 2,
      build: () => {
        const id = pick(learned.webhookIds) ?? `we_${hex(12)}`;
        switch (Math.floor(random() * 3)) {
          case 0:
            return get('/api/poy/webhooks', poy);
          case 1:
            return get(`/api/poy/webhooks/${id}/deliveries?limit=5`, poy);
          default:
            return {
              method: 'PATCH',
              path: `/api/poy/webhooks/${id}`,
              headers: poyJson,
              body: JSON.stringify({ enabled: random() < 0.5 }),
            };
        }
      },
    },
    {
      name: 'poy project/keys',
      weight: 3,
      build: () => get(random() < 0.5 ? '/api/poy/project' : '/api/poy/keys', poy),
    },
    // Hosted pages: invite page, status, and the live status stream dropped after its first event.
    {
      name: 'hosted invite pages',
      weight: 3,
      build: () => {
        const code = pick(learned.inviteCodes) ?? hex(20);
        switch (Math.floor(random() * 4)) {
          case 0:
            return get(`/i/${code}`, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' });
          case 1:
            return get(`/i/${code}/status`);
          case 2:
            return { ...get(`/i/${code}/events`), stream: true };
          default:
            return get(`/join?code=${hex(8)}`);
        }
      },
    },
    { name: 'health', weight: 2, build: () => get(random() < 0.5 ? '/healthz' : '/readyz') },
    // Bad requests.
    {
      name: 'bad: unknown key',
      weight: 5,
      // A different well-formed key every time: each one is a cache miss (and a negative entry).
      build: () =>
        random() < 0.5
          ? get('/api/poy/check?userId=x', { authorization: `Bearer poy_test_${hex(32)}` })
          : post(
              '/v1/business_connect_user/get_status',
              { 'api-key': `poy_live_${hex(32)}`, ...json },
              { reference_user_id: 'x' },
            ),
    },
    {
      name: 'bad: malformed or missing key',
      weight: 3,
      build: () => {
        const headers =
          pick<Record<string, string>>([
            {},
            { authorization: 'Bearer nope' },
            { authorization: `Basic ${hex(10)}` },
            { 'api-key': '' },
          ]) ?? {};
        return post('/api/poy/verify', { ...headers, ...json }, { userId: 'x' });
      },
    },
    {
      name: 'bad: invalid JSON',
      weight: 4,
      build: () => ({
        method: 'POST',
        path:
          pick(['/api/poy/verify', '/v1/business_connect_user/register', '/api/poy/public-enroll']) ??
          '/api/poy/verify',
        headers: { ...poyJson, 'api-key': tenant.apiKey },
        body: pick(['{"userId":', '{bad json}', '[1,2', '"unterminated', '{"a":1}}', '']) ?? '{',
      }),
    },
    {
      name: 'bad: schema violations',
      weight: 3,
      build: () =>
        pick([
          post('/api/poy/verify', poyJson, { userId: 'x'.repeat(300) }),
          post('/api/poy/verify', poyJson, { userId: 42 }),
          post('/api/poy/stamps', poyJson, { userId: 'u', contentHash: 'md5:abc', contentType: '' }),
          post('/v1/business_connect_user/register', connectJson, { redirect_url: 'javascript:alert(1)' }),
          post('/api/poy/webhooks', poyJson, { url: 'ftp://127.0.0.1/', events: ['nope'] }),
          get(`/api/poy/check?userId=${'y'.repeat(400)}`, poy),
        ]) ?? get('/api/poy/check', poy),
    },
    {
      name: 'bad: NUL characters',
      weight: 4,
      build: (i) => {
        switch (Math.floor(random() * 4)) {
          case 0:
            return post('/api/poy/verify', poyJson, { userId: `nul\u0000${i}` });
          case 1:
            return post('/v1/business_connect_user/register', connectJson, {
              reference_user_id: `nul\u0000${i}`,
            });
          case 2:
            return get(`/api/poy/trust/nul%00${i}`, poy);
          default: {
            // A raw NUL byte inside the JSON text: not valid JSON.
            const body = new TextEncoder().encode(`{"userId":"raw\u0000${i}"}`);
            return { method: 'POST', path: '/api/poy/verify', headers: poyJson, body };
          }
        }
      },
    },
    {
      name: 'bad: unknown path or method',
      weight: 4,
      // Unique paths, so anything keyed by URL would grow.
      build: (i) =>
        random() < 0.8
          ? get(`/api/poy/no-such-${i}/${hex(8)}`, poy)
          : { method: 'DELETE', path: '/api/poy/check', headers: poy },
    },
    {
      name: 'bad: wrong content type',
      weight: 1,
      build: () => ({
        method: 'POST',
        path: '/api/poy/verify',
        headers: { ...poy, 'content-type': 'text/plain' },
        body: 'userId=x',
      }),
    },
    {
      name: 'bad: oversized body',
      weight: 1,
      build: () => ({
        method: 'POST',
        path: random() < 0.5 ? '/api/poy/verify' : '/v1/business_connect_user/register',
        headers: { ...poyJson, 'api-key': tenant.apiKey },
        body: JSON.stringify({ userId: 'z'.repeat(OVERSIZED_BYTES) }),
      }),
    },
  ];

  const totalWeight = kinds.reduce((sum, kind) => sum + kind.weight, 0);
  return {
    next(index) {
      let roll = random() * totalWeight;
      let chosen = kinds[kinds.length - 1];
      for (const kind of kinds) {
        roll -= kind.weight;
        if (roll < 0) {
          chosen = kind;
          break;
        }
      }
      if (chosen === undefined) throw new Error('The soak mix has no request kinds');
      const kind = chosen;
      const request = kind.build(index);
      return { kind: kind.name, request, learn: (body) => kind.learn?.(body, request) };
    },
    kindNames: () => kinds.map((kind) => kind.name),
  };
}

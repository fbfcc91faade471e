// What spec/openapi.json promises client generators beyond what Redocly's rules check (docs/api.md
// §12): each error response in its own surface's format, public routes marked public, every webhook
// event of both surfaces with its signature headers, and nothing the zod converter leaks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CONNECT_EVENT_TYPES, POY_EVENT_TYPES } from '@poy/wire';
import { z } from 'zod';
import { ERROR_REGISTRY } from '../src/http/error-registry.ts';

const text = readFileSync(new URL('../../../spec/openapi.json', import.meta.url), 'utf8');

const response = z.object({
  content: z
    .record(z.string(), z.object({ schema: z.object({ $ref: z.string().optional() }).loose() }))
    .optional(),
});
const operation = z.object({
  operationId: z.string(),
  tags: z.array(z.string()).min(1),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  parameters: z
    .array(z.object({ name: z.string(), in: z.string(), required: z.boolean().optional() }))
    .optional(),
  responses: z.record(z.string(), response),
});
const document = z.object({
  openapi: z.literal('3.1.0'),
  tags: z.array(z.object({ name: z.string(), description: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), operation)),
  webhooks: z.record(z.string(), z.object({ post: operation })),
  components: z.object({
    schemas: z
      .object({
        PoyError: z.object({}).loose(),
        ConnectError: z.object({}).loose(),
      })
      .loose(),
  }),
});
const spec = document.parse(JSON.parse(text));

function operations(): Array<{ key: string; path: string; operation: z.infer<typeof operation> }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, entry]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      operation: entry,
    })),
  );
}

describe('spec/openapi.json for client generators', () => {
  it('names every operation once, with a declared tag', () => {
    const declared = new Set(spec.tags.map((tag) => tag.name));
    const ids = new Map<string, string>();
    for (const { key, operation: entry } of operations()) {
      assert.match(entry.operationId, /^[a-z][a-zA-Z0-9]+$/, key);
      assert.equal(ids.get(entry.operationId), undefined, `${key} reuses ${entry.operationId}`);
      ids.set(entry.operationId, key);
      for (const tag of entry.tags) assert.ok(declared.has(tag), `${key}: tag ${tag} is not declared`);
    }
  });

  it("documents every error in its surface's format, and 401 wherever a key is needed", () => {
    for (const { key, path, operation: entry } of operations()) {
      const expected = path.startsWith('/v1/') ? 'ConnectError' : 'PoyError';
      const errors = Object.entries(entry.responses).filter(
        ([status]) => status === 'default' || Number(status) >= 400,
      );
      assert.ok(
        errors.some(([status]) => status === 'default'),
        `${key} has no default response`,
      );
      assert.ok(
        errors.some(([status]) => status === '400'),
        `${key} has no 400 response`,
      );
      for (const [status, value] of errors) {
        if (key === 'GET /readyz' && status === '503') continue; // the readiness report itself
        const ref = value.content?.['application/json']?.schema.$ref;
        assert.equal(ref, `#/components/schemas/${expected}`, `${key} ${status}`);
      }
      const needsKey = entry.security.length > 0;
      assert.equal('401' in entry.responses, needsKey, `${key}: 401 documented iff a key is needed`);
    }
  });

  it('marks the routes without a key public, and only those', () => {
    const publicPrefixes = [
      '/flow/',
      '/api/poy/public-enroll',
      '/api/poy/profile/',
      '/.well-known/',
      '/healthz',
      '/readyz',
    ];
    for (const { key, path, operation: entry } of operations()) {
      const isPublic = publicPrefixes.some((prefix) => path.startsWith(prefix));
      assert.equal(entry.security.length === 0, isPublic, key);
      if (path.startsWith('/v1/')) {
        assert.deepEqual(entry.security, [{ apiKeyHeader: [] }, { bearerAuth: [] }], key);
      } else if (!isPublic) {
        assert.deepEqual(entry.security, [{ bearerAuth: [] }], key);
      }
    }
  });

  it('keeps the dashboard out', () => {
    for (const path of Object.keys(spec.paths)) assert.doesNotMatch(path, /^\/dashboard/, path);
  });

  it('types every error type of the registry in PoyError', () => {
    assert.ok(text.includes('"PoyError"'));
    for (const type of Object.keys(ERROR_REGISTRY)) assert.ok(text.includes(`"${type}"`), type);
  });

  it('describes every webhook event of both surfaces, with its signature headers', () => {
    const events = [...POY_EVENT_TYPES, 'webhook.test', ...CONNECT_EVENT_TYPES, 'WEBHOOK_TEST'];
    assert.deepEqual(Object.keys(spec.webhooks).sort(), [...events].sort());
    for (const [name, { post }] of Object.entries(spec.webhooks)) {
      const headers = (post.parameters ?? [])
        .filter((p) => p.in === 'header' && p.required)
        .map((p) => p.name);
      const own = name.includes('.') ? 'X-POY-Signature' : 'X-Hub-Signature-256';
      assert.deepEqual(headers, ['webhook-id', 'webhook-timestamp', 'webhook-signature', own], name);
    }
  });

  it('leaks no non-standard format and no ±2^53 bounds', () => {
    assert.doesNotMatch(text, /"format": "starts_with"/);
    assert.ok(!text.includes(String(Number.MAX_SAFE_INTEGER)), 'a safe-integer bound is left');
  });
});

// What the business does where the browser lands: read `poy_result` (the only thing POY adds to its URL)
// and verify it offline with the SDK against the deployment's JWKS, as an integrator would.
import assert from 'node:assert/strict';
import { type RedirectResultCheck, verifyRedirectResult } from '../../packages/sdk/src/index.ts';

type ValidResult = Extract<RedirectResultCheck, { valid: true }>;

export async function expectRedirectResult(
  poy: { baseUrl: string; projectId: string },
  landed: URL | string,
  expected: { status: string; userId: string; referenceUserId: string; keptQuery?: Record<string, string> },
): Promise<ValidResult> {
  const url = new URL(landed);
  const names = [...url.searchParams.keys()].sort();
  assert.deepEqual(names, [...Object.keys(expected.keptQuery ?? {}), 'poy_result'].sort(), url.href);
  for (const [name, value] of Object.entries(expected.keptQuery ?? {})) {
    assert.equal(url.searchParams.get(name), value, url.href);
  }
  const response = await fetch(`${poy.baseUrl}/.well-known/jwks.json`, {
    signal: AbortSignal.timeout(10_000),
  });
  const jwks: unknown = await response.json();
  const result = await verifyRedirectResult(url.searchParams.get('poy_result'), {
    jwks,
    projectId: poy.projectId,
    issuer: poy.baseUrl,
    mode: 'live',
  });
  assert.ok(result.valid, JSON.stringify(result));
  assert.equal(result.status, expected.status, url.href);
  assert.equal(result.userId, expected.userId, url.href);
  assert.equal(result.referenceUserId, expected.referenceUserId, url.href);
  return result;
}

// Reads the final redirect of the hosted flow as a business would: the URL must carry its own query plus
// exactly one `poy_result`, and nothing else that could pass for a verdict; the token must verify
// offline against the deployment's published JWKS (fetched from the app), as the SDKs do it.
import assert from 'node:assert/strict';
import { type RedirectResultCheck, verifyRedirectResult } from '@poy/wire';
import type { FastifyInstance } from 'fastify';

type ValidResult = Extract<RedirectResultCheck, { valid: true }>;

export async function fetchJwks(app: FastifyInstance): Promise<unknown> {
  const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
  assert.equal(response.statusCode, 200, response.body);
  const jwks: unknown = JSON.parse(response.body);
  return jwks;
}

/**
 * Asserts that `redirectUrl` is `expectedBase` (the business's redirect_url, its query kept) plus one
 * `poy_result`, and returns the verified result.
 */
export async function readFinalRedirect(
  harness: { app: FastifyInstance; clock: { now(): Date } },
  redirectUrl: string | null | undefined,
  expected: { base: string; projectId: string },
): Promise<ValidResult> {
  assert.ok(redirectUrl, 'a redirect URL');
  const url = new URL(redirectUrl);
  const base = new URL(expected.base);
  const token = url.searchParams.get('poy_result');
  assert.ok(token, `poy_result in ${redirectUrl}`);
  url.searchParams.delete('poy_result');
  // Nothing else (no status, no user_id) is added to what the business gave.
  assert.equal(url.toString(), base.toString(), 'only poy_result is added to the business URL');
  assert.equal(new URL(redirectUrl).searchParams.getAll('poy_result').length, 1);
  const check = await verifyRedirectResult(token, {
    jwks: await fetchJwks(harness.app),
    projectId: expected.projectId,
    now: harness.clock.now(),
  });
  assert.ok(check.valid, JSON.stringify(check));
  return check;
}

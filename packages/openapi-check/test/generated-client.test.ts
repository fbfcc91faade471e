// Generates a typed client from spec/openapi.json with openapi-typescript, as an integrator would, and
// type-checks code that reads error bodies and webhook payloads through it with this package's own
// TypeScript (openapi-typescript's peer is TypeScript 5). The wrong reads must fail to compile: a
// document whose error responses were untyped (`never`, or missing) would let them pass.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const specPath = fileURLToPath(new URL('../../../spec/openapi.json', import.meta.url));
const generatorCli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
const tscCli = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

/** Reads that must compile: the error bodies of both surfaces and a webhook payload, fully typed. */
const RIGHT = `import type { paths, webhooks } from './schema.ts';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Verify = paths['/api/poy/verify']['post']['responses'];
type Register = paths['/v1/business_connect_user/register']['post']['responses'];

export function poyError(body: Json<Verify[400]>): { type: string; code: number; requestId: string } {
  const type: 'invalid_request' | 'redirect_url_not_allowed' | (string & {}) = body.error.type;
  return { type, code: body.error.code, requestId: body.error.requestId };
}

export function poyUnauthorized(body: Json<Verify[401]>): string {
  return body.error.message;
}

export function poyAnyOther(body: Json<Verify['default']>): number {
  return body.error.code;
}

export function connectError(body: Json<Register[400]>): string {
  const status: 'failure' = body.status;
  return \`\${status} \${body.failure_code}: \${body.failure_reason} (\${body.request_id})\`;
}

export function trustNotFound(
  body: Json<paths['/api/poy/trust/{userId}']['get']['responses'][404]>,
): 'not_found' | (string & {}) {
  return body.error.type;
}

type Verified = webhooks['user.verified']['post']['requestBody'];
export function verifiedPoyId(event: NonNullable<Verified>['content']['application/json']): string {
  return event.data.poyId;
}
`;

/** Each line must be refused, and be the only place the checker refuses. */
const WRONG = `import type { paths } from './schema.ts';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Verify = paths['/api/poy/verify']['post']['responses'];
type Register = paths['/v1/business_connect_user/register']['post']['responses'];

export const connectFieldOnPoy = (body: Json<Verify[400]>): string => body.failure_code;
export const poyFieldOnConnect = (body: Json<Register[400]>): string => body.error.type;
export const codeIsNotAString = (body: Json<Verify[400]>): string => body.error.code;
export const unknownFailureCode = (body: Json<Register[400]>): boolean => body.failure_code === 'NO_SUCH_CODE';
`;
const WRONG_LINES = [7, 8, 9, 10];

describe('a client generated from spec/openapi.json', () => {
  let folder = '';
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'poy-openapi-client-'));
    await run(process.execPath, [generatorCli, specPath, '--output', join(folder, 'schema.ts')]);
    writeFileSync(join(folder, 'right.ts'), RIGHT);
    writeFileSync(join(folder, 'wrong.ts'), WRONG);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function typeCheck(file: string): Promise<{ ok: boolean; output: string }> {
    const args = [
      tscCli,
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--allowImportingTsExtensions',
      join(folder, file),
    ];
    try {
      const { stdout } = await run(process.execPath, args, { cwd: folder });
      return { ok: true, output: stdout };
    } catch (error) {
      const output = error instanceof Error && 'stdout' in error ? String(error.stdout) : String(error);
      return { ok: false, output };
    }
  }

  it('types the error bodies of both surfaces and the webhook payloads', async () => {
    const result = await typeCheck('right.ts');
    assert.ok(result.ok, result.output);
  });

  it('refuses reading an error body with the other surface’s fields or types', async () => {
    const result = await typeCheck('wrong.ts');
    assert.equal(result.ok, false, 'wrong.ts compiled: the generated error bodies are not typed');
    const refused = [...result.output.matchAll(/wrong\.ts\((\d+),\d+\): error TS\d+/g)].map((m) =>
      Number(m[1]),
    );
    assert.deepEqual([...new Set(refused)], WRONG_LINES, result.output);
  });
});

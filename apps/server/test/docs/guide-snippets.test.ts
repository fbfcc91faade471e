// The signature-checking code in docs/guides/webhooks.md runs, as printed, against deliveries signed
// the way the server signs them (jobs/send-delivery.ts: buildDeliveryHeaders with node:crypto's HMAC
// and a secret from generateWebhookSecret). Each fenced block tagged `test:<name>` is extracted and
// run: the JavaScript ones as modules, the Python ones with python3 (the poyverify SDK from
// sdks/python/src). Each must accept a genuine delivery, accept the previous secret during a rotation
// where the scheme allows it, and refuse a changed body, a wrong secret and (Standard Webhooks) an old
// timestamp.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDeliveryHeaders } from '@poy/wire';
import { generateWebhookSecret } from '../../src/core/webhooks/generate-webhook-secret.ts';
import { nodeHmacSha256 } from '../../src/core/webhooks/node-hmac-sha256.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const guide = readFileSync(join(repoRoot, 'docs/guides/webhooks.md'), 'utf8');
const workDir = mkdtempSync(join(tmpdir(), 'poy-guide-snippets-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

/** The code of the block tagged `test:<name>` (exactly one). */
function snippet(name: string): string {
  const blocks = [...guide.matchAll(/^```[a-z]+ test:([a-z-]+)\n([\s\S]*?)^```$/gm)].filter(
    (match) => match[1] === name,
  );
  assert.equal(blocks.length, 1, `one block tagged test:${name}`);
  return blocks[0]?.[2] ?? '';
}

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

function signedDelivery(
  surface: 'poy' | 'connect',
  secrets: { current: string; previous: string | null },
  timestampSeconds = Math.floor(Date.now() / 1000),
): Delivery {
  const body =
    surface === 'poy'
      ? JSON.stringify({
          event: 'user.verified',
          timestamp: new Date().toISOString(),
          data: { userId: 'user-42', poyId: 'PoY #00482A1', trustScore: 50 },
        })
      : JSON.stringify({
          transaction_id: 'ewh:1',
          user_id: 'bcu_1',
          reference_user_id: 'user-42',
          type: 'USER_DELETED',
          payload: {},
          created_at: new Date().toISOString(),
        });
  const headers = buildDeliveryHeaders({
    surface,
    secrets,
    webhookId: 'msg_2Yx7Qz',
    timestampSeconds,
    body,
    hmac: nodeHmacSha256,
  });
  return { body, headers };
}

const secret = generateWebhookSecret();
const previousSecret = generateWebhookSecret();
const otherSecret = generateWebhookSecret();
const poyDelivery = signedDelivery('poy', { current: secret, previous: null });
const connectDelivery = signedDelivery('connect', { current: secret, previous: null });
const rotated = signedDelivery('poy', { current: secret, previous: previousSecret });
const stale = signedDelivery(
  'poy',
  { current: secret, previous: null },
  Math.floor(Date.now() / 1000) - 3600,
);
const tampered = { ...poyDelivery, body: poyDelivery.body.replace('50', '99') };

async function importSnippet(name: string, code: string): Promise<Record<string, unknown>> {
  const path = join(workDir, `${name}.mjs`);
  writeFileSync(path, code);
  return Object(await import(pathToFileURL(path).href));
}

function callable(module: Record<string, unknown>, name: string): (...args: unknown[]) => unknown {
  const value = module[name];
  assert.equal(typeof value, 'function', `the snippet exports ${name}`);
  return value as (...args: unknown[]) => unknown;
}

describe('docs/guides/webhooks.md: the signature snippets', () => {
  it('JavaScript with node:crypto checks all three headers as the server signs them', async () => {
    const module = await importSnippet('node-crypto', snippet('node-crypto'));
    const poy = callable(module, 'verifyPoySignature');
    const connect = callable(module, 'verifyConnectSignature');
    const standard = callable(module, 'verifyStandardWebhook');
    const buffer = (delivery: Delivery) => Buffer.from(delivery.body, 'utf8');

    assert.equal(poy(buffer(poyDelivery), poyDelivery.headers['x-poy-signature'], secret), true);
    assert.equal(
      connect(buffer(connectDelivery), connectDelivery.headers['x-hub-signature-256'], secret),
      true,
    );
    assert.equal(standard(buffer(poyDelivery), poyDelivery.headers, secret), true);
    assert.equal(standard(buffer(connectDelivery), connectDelivery.headers, secret), true);
    assert.equal(standard(buffer(rotated), rotated.headers, previousSecret), true, 'the previous secret');

    assert.equal(poy(buffer(tampered), tampered.headers['x-poy-signature'], secret), false);
    assert.equal(poy(buffer(poyDelivery), poyDelivery.headers['x-poy-signature'], otherSecret), false);
    assert.equal(poy(buffer(poyDelivery), undefined, secret), false);
    assert.equal(
      connect(buffer(connectDelivery), connectDelivery.headers['x-hub-signature-256'], otherSecret),
      false,
    );
    assert.equal(standard(buffer(tampered), tampered.headers, secret), false);
    assert.equal(standard(buffer(poyDelivery), poyDelivery.headers, otherSecret), false);
    assert.equal(standard(buffer(stale), stale.headers, secret), false, 'an hour-old timestamp');
    assert.equal(
      standard(buffer(poyDelivery), { ...poyDelivery.headers, 'webhook-timestamp': 'soon' }, secret),
      false,
    );
  });

  it('JavaScript with @poyverify/sdk checks all three headers', async () => {
    const sdkEntry = pathToFileURL(join(repoRoot, 'packages/sdk/src/index.ts')).href;
    const code = snippet('sdk').replace("from '@poyverify/sdk'", `from '${sdkEntry}'`);
    const checkDelivery = callable(await importSnippet('sdk', code), 'checkDelivery');
    assert.deepEqual(checkDelivery(poyDelivery.body, poyDelivery.headers, secret), {
      standard: true,
      poy: true,
      connect: false,
      any: true,
    });
    assert.deepEqual(checkDelivery(connectDelivery.body, connectDelivery.headers, secret), {
      standard: true,
      poy: false,
      connect: true,
      any: true,
    });
    assert.deepEqual(checkDelivery(tampered.body, tampered.headers, secret), {
      standard: false,
      poy: false,
      connect: false,
      any: false,
    });
    const staleResult = Object(checkDelivery(stale.body, stale.headers, secret));
    assert.equal(staleResult.standard, false);
  });

  it('the Standard Webhooks library verifies deliveries, when it is installed', async (t) => {
    let library: string;
    try {
      library = import.meta.resolve('standardwebhooks');
    } catch {
      t.skip('standardwebhooks is not installed here');
      return;
    }
    // The snippet runs from a temporary folder, which has no node_modules of its own.
    const code = snippet('standardwebhooks').replace("from 'standardwebhooks'", `from '${library}'`);
    const parseDelivery = callable(await importSnippet('standardwebhooks', code), 'parseDelivery');
    assert.deepEqual(
      parseDelivery(poyDelivery.body, poyDelivery.headers, secret),
      JSON.parse(poyDelivery.body),
    );
    assert.deepEqual(parseDelivery(rotated.body, rotated.headers, previousSecret), JSON.parse(rotated.body));
    assert.throws(() => parseDelivery(tampered.body, tampered.headers, secret));
    assert.throws(() => parseDelivery(stale.body, stale.headers, secret));
  });

  for (const name of ['python-hmac', 'python-sdk'] as const) {
    it(`Python (${name}) checks the headers as the server signs them`, () => {
      const driver = `${snippet(name)}

import base64, json, sys

cases = json.load(sys.stdin)
results = []
for case in cases:
    body = base64.b64decode(case["body"])
    headers = case["headers"]
    secret = case["secret"]
    if "check_delivery" in globals():
        result = check_delivery(body, headers, secret)
        results.append([result["standard"], result["poy"], result["connect"], result["event"] is not None])
    else:
        results.append([
            verify_standard_webhook(body, headers, secret),
            verify_poy_signature(body, headers.get("x-poy-signature", ""), secret),
            verify_connect_signature(body, headers.get("x-hub-signature-256", ""), secret),
        ])
print(json.dumps(results))
`;
      const path = join(workDir, `${name}.py`);
      writeFileSync(path, driver);
      const cases = [
        { delivery: poyDelivery, secret },
        { delivery: connectDelivery, secret },
        { delivery: rotated, secret: previousSecret },
        { delivery: tampered, secret },
        { delivery: poyDelivery, secret: otherSecret },
        { delivery: stale, secret },
      ];
      const input = JSON.stringify(
        cases.map(({ delivery, secret: key }) => ({
          body: Buffer.from(delivery.body).toString('base64'),
          headers: delivery.headers,
          secret: key,
        })),
      );
      const output = execFileSync('python3', [path], {
        input,
        encoding: 'utf8',
        env: { ...process.env, PYTHONPATH: join(repoRoot, 'sdks/python/src') },
      });
      const results: unknown = JSON.parse(output);
      const sdk = name === 'python-sdk';
      // [standard, poy, connect(, parsed)] for each case above.
      const expected = [
        [true, true, false],
        [true, false, true],
        [true, false, false], // the previous secret signs only the Standard Webhooks header
        [false, false, false],
        [false, false, false],
        [false, true, false], // an old delivery: only the replay-blind surface header still matches
      ].map((row) => (sdk ? [...row, row[0]] : row));
      assert.deepEqual(results, expected, output);
    });
  }
});

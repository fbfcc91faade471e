// OpenTelemetry traces end to end: the real server, as a child process, exports to a local OTLP/HTTP
// receiver (JSON, as the official exporter sends it). One request carrying a W3C traceparent creates a
// webhook event; its trace must hold the server span (a child of the caller's span), the SQL statements
// it ran, and the webhook POST the in-process worker sends later. No span may carry an API key, an
// invite code, an e-mail address, a query string or the receiver's path. Run on the embedded database
// and on PostgreSQL.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/core/clock.ts';
import { openStore } from '../src/store/open-store.ts';
import { createEmptyPostgresDatabase, createTestTenant, makeTempDir, removeDirectory } from './harness.ts';
import { attributeOf, startTraceReceiver } from './support/otlp-receiver.ts';
import { startWebhookReceiver } from './webhooks/webhook-receiver.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SECRET_KEY = 'tracing-test-secret-key-0123456789abcdef';
const E_MAIL = 'jane.doe@example.com';
const INVITE_CODE = 'invTraceCapability0001';
const QUERY_SECRET = 'sc=QUERYSECRET42';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface ServerChild {
  baseUrl: string;
  process: ChildProcess;
  output(): string;
}

async function startServerChild(
  databaseEnv: Record<string, string>,
  otlpEndpoint: string,
): Promise<ServerChild> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('OTEL_')) delete env[name];
  delete env.REDIS_URL;
  delete env.DATA_DIR;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'serve'], {
    cwd: REPOSITORY_ROOT,
    env: {
      ...env,
      ...databaseEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      POY_MODE: 'development',
      POY_SECRET_KEY: SECRET_KEY,
      LOG_LEVEL: 'info',
      WEBHOOK_WORKER: 'in-process',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server: ServerChild = { baseUrl: `http://127.0.0.1:${port}`, process: child, output: () => output };
  // Generous: a fresh server on a busy 2-core machine can take over a minute to answer.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      assert.fail(`the server exited before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) assert.fail(`the server was not ready within 150 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;

/** Prepares a database with a tenant (before the server holds it) and returns the server's env. */
type DatabaseSetup = () => Promise<{
  env: Record<string, string>;
  testKey: string;
  cleanUp(): Promise<void>;
}>;

async function checkOneTrace(setUp: DatabaseSetup): Promise<void> {
  const traces = await startTraceReceiver();
  const webhooks = await startWebhookReceiver();
  const database = await setUp();
  let server: ServerChild | null = null;
  try {
    server = await startServerChild(database.env, traces.endpoint);
    const { baseUrl } = server;
    const auth = { authorization: `Bearer ${database.testKey}` };

    const endpoint = await fetch(`${baseUrl}/api/poy/webhooks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${webhooks.url}?token=RECEIVERSECRET` }),
    });
    assert.equal(endpoint.status, 201, await endpoint.text());

    // The caller's span: every span of this request must be in its trace, the server span its child.
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const outcome = await fetch(`${baseUrl}/api/poy/sandbox/outcome?${QUERY_SECRET}`, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
        tracestate: 'vendor=TRACESTATESECRET',
      },
      body: JSON.stringify({ userId: E_MAIL, outcome: 'verified' }),
    });
    assert.equal(outcome.status, 200, await outcome.text());
    // Paths that carry a capability or an e-mail address, and a query string.
    const page = await fetch(`${baseUrl}/i/${INVITE_CODE}?${QUERY_SECRET}`);
    await page.arrayBuffer();
    const trust = await fetch(`${baseUrl}/api/poy/trust/${encodeURIComponent(E_MAIL)}`, { headers: auth });
    await trust.arrayBuffer();

    await waitFor(() => webhooks.requests.length >= 1, 'the webhook delivery');
    const inTrace = () => traces.spans.filter((span) => span.traceId === traceId);
    await waitFor(
      () =>
        inTrace().some((span) => span.kind === SPAN_KIND_SERVER) &&
        inTrace().some((span) => span.name === 'POST' && span.kind === SPAN_KIND_CLIENT) &&
        traces.spans.some((span) => span.name === 'GET /i/:code') &&
        traces.spans.some((span) => span.name === 'GET /api/poy/trust/:userId'),
      'the spans to be exported',
    );

    const spans = inTrace();
    const serverSpan = spans.find((span) => span.kind === SPAN_KIND_SERVER);
    assert.ok(serverSpan);
    assert.equal(serverSpan.name, 'POST /api/poy/sandbox/outcome');
    assert.equal(serverSpan.parentSpanId, callerSpanId);
    assert.equal(attributeOf(serverSpan, 'http.route'), '/api/poy/sandbox/outcome');
    assert.equal(attributeOf(serverSpan, 'http.response.status_code'), 200);

    const statements = spans.filter((span) => attributeOf(span, 'db.system') === 'postgresql');
    assert.ok(statements.length >= 3, `SQL spans in the trace: ${statements.length}`);
    for (const statement of statements) {
      assert.equal(statement.kind, SPAN_KIND_CLIENT);
      assert.equal(typeof attributeOf(statement, 'db.query.text'), 'string');
    }
    // The handler's statements are children of the server span (through the parsed body, too).
    assert.ok(statements.some((span) => span.parentSpanId === serverSpan.spanId));
    assert.ok(
      statements.some((span) =>
        /insert into "webhook_deliveries"/.test(String(attributeOf(span, 'db.query.text'))),
      ),
      'the delivery insert is in the trace',
    );

    const post = spans.find((span) => span.name === 'POST' && span.kind === SPAN_KIND_CLIENT);
    assert.ok(post);
    assert.equal(attributeOf(post, 'server.address'), '127.0.0.1');
    assert.equal(attributeOf(post, 'http.response.status_code'), 200);
    assert.equal(attributeOf(post, 'http.request.method'), 'POST');
    assert.equal(post.parentSpanId, serverSpan.spanId);

    assert.deepEqual([...traces.serviceNames], ['poy']);
    // Probes are not traced (the test polled /healthz until the server was up).
    assert.ok(!traces.spans.some((span) => span.name === 'GET /healthz'));

    // Nothing personal or secret anywhere in what was exported.
    const exported = traces.raw.join('\n');
    for (const secret of [
      database.testKey,
      'poy_test_',
      E_MAIL,
      encodeURIComponent(E_MAIL),
      INVITE_CODE,
      'QUERYSECRET42',
      'TRACESTATESECRET',
      'RECEIVERSECRET',
      '/hook',
      SECRET_KEY,
    ]) {
      assert.ok(!exported.includes(secret), `an exported span contains ${secret}`);
    }
    assert.ok(!/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.test(exported), 'an e-mail address');

    // The log lines written inside the request carry its trace id.
    const logged = server
      .output()
      .split('\n')
      .filter((line) => line.includes(`"trace_id":"${traceId}"`));
    assert.ok(logged.length > 0, 'a log line with the trace id');
  } finally {
    if (server) await stop(server.process);
    await webhooks.close();
    await traces.close();
    await database.cleanUp();
  }
}

describe('OpenTelemetry traces', () => {
  after(async () => {
    for (const child of [...children]) await stop(child);
  });

  it('the embedded database: one trace holds the request, its SQL and the webhook POST, and no secret', async () => {
    await checkOneTrace(async () => {
      const dataDir = makeTempDir('tracing');
      const store = await openStore({ dataDir, migrate: true });
      const tenant = await createTestTenant({ store, clock: systemClock });
      await store.close();
      return {
        env: { DATA_DIR: dataDir },
        testKey: tenant.testKey,
        cleanUp: async () => removeDirectory(dataDir),
      };
    });
  });

  it('PostgreSQL: the same', async () => {
    await checkOneTrace(async () => {
      const database = await createEmptyPostgresDatabase();
      const store = await openStore({ databaseUrl: database.url, dataDir: '', migrate: true });
      const tenant = await createTestTenant({ store, clock: systemClock });
      await store.close();
      return { env: { DATABASE_URL: database.url }, testKey: tenant.testKey, cleanUp: () => database.drop() };
    });
  });
});

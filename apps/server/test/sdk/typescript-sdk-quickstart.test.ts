// The POY docs' JavaScript quick start, run as the docs print it (only the key and the user id filled
// in), as its own Node process importing '@poyverify/sdk' from node_modules, against the server as
// `npm start` runs it (startServer: fresh embedded database, demo tenant, PORT 0). The user is made a
// verified human through the sandbox first. Which branch of `if (result.isHuman) { … }` ran is read
// from V8's block coverage, so the snippet needs no added line to prove it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { POYVerify } from '../../../../packages/sdk/src/index.ts';
import { loadConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/main.ts';
import { makeTempDir, removeDirectory } from '../harness.ts';
import { installSdkBuild } from './sdk-support.ts';

// POY developer docs, "Quick Start", JavaScript SDK: verbatim (the docs print it on one line).
const SEED_QUICK_START =
  "import { POYVerify } from '@poyverify/sdk'; const poy = new POYVerify({ apiKey: 'your-api-key' }); const result = await poy.verify(userId); if (result.isHuman) { /* trusted user */ }";
const TRUSTED_BRANCH = '{ /* trusted user */ }';

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}

function rangesOf(value: unknown): CoverageRange[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((range: unknown) => {
    const start: unknown = Reflect.get(Object(range), 'startOffset');
    const end: unknown = Reflect.get(Object(range), 'endOffset');
    const count: unknown = Reflect.get(Object(range), 'count');
    return typeof start === 'number' && typeof end === 'number' && typeof count === 'number'
      ? [{ startOffset: start, endOffset: end, count }]
      : [];
  });
}

/** The block-coverage ranges V8 recorded for `scriptUrl` in `coverageDir`. */
function coverageOf(coverageDir: string, scriptUrl: string): CoverageRange[] {
  const ranges: CoverageRange[] = [];
  for (const file of readdirSync(coverageDir)) {
    const report: unknown = JSON.parse(readFileSync(join(coverageDir, file), 'utf8'));
    const scripts: unknown = Reflect.get(Object(report), 'result');
    if (!Array.isArray(scripts)) continue;
    for (const script of scripts) {
      if (Reflect.get(Object(script), 'url') !== scriptUrl) continue;
      const functions: unknown = Reflect.get(Object(script), 'functions');
      if (!Array.isArray(functions)) continue;
      for (const fn of functions) ranges.push(...rangesOf(Reflect.get(Object(fn), 'ranges')));
    }
  }
  return ranges;
}

describe('the docs’ JavaScript quick start', { timeout: 120_000 }, () => {
  let dataDir: string;
  let project: string;
  let server: RunningServer;
  let testKey: string;

  before(async () => {
    dataDir = makeTempDir('sdk-quickstart-data');
    project = makeTempDir('sdk-quickstart-app');
    installSdkBuild(project);
    let printed = '';
    server = await startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }), {
      print: (text) => {
        printed += text;
      },
      logger: pino({ level: 'silent' }),
    });
    const key = /poy_test_[0-9A-Za-z]{32,}/.exec(printed)?.[0];
    assert.ok(key, `startServer printed no demo key:\n${printed}`);
    testKey = key;
  });

  after(async () => {
    await server.close();
    removeDirectory(dataDir);
    removeDirectory(project);
  });

  /** Runs the snippet for `userId`; returns whether the trusted-user block ran, and what it printed. */
  // Asynchronous on purpose: the server runs in this process and must keep answering meanwhile.
  async function runQuickStart(
    name: string,
    userId: string,
  ): Promise<{ trustedBranchRan: boolean; completed: boolean }> {
    assert.ok(SEED_QUICK_START.includes("'your-api-key'"));
    // Only the key and the user id are filled in; the base URL comes from POY_BASE_URL.
    const source = `const userId = ${JSON.stringify(userId)};\n${SEED_QUICK_START.replace("'your-api-key'", JSON.stringify(testKey))}\n`;
    const path = join(project, `${name}.mjs`);
    writeFileSync(path, source);
    const coverageDir = makeTempDir(`sdk-quickstart-coverage-${name}`);
    try {
      await promisify(execFile)(process.execPath, [path], {
        cwd: project,
        env: { ...process.env, POY_BASE_URL: server.address, NODE_V8_COVERAGE: coverageDir },
        timeout: 60_000,
      });
      const ranges = coverageOf(coverageDir, pathToFileURL(path).href);
      const branchAt = source.indexOf(TRUSTED_BRANCH);
      assert.ok(branchAt > 0);
      const covers = (range: CoverageRange) => range.startOffset <= branchAt && branchAt < range.endOffset;
      // V8 block coverage: a block that never ran gets a range with count 0; one that ran does not.
      const moduleRan = ranges.some((range) => range.startOffset === 0 && range.count === 1);
      const skipped = ranges.some((range) => covers(range) && range.count === 0);
      return { trustedBranchRan: moduleRan && !skipped, completed: moduleRan };
    } finally {
      removeDirectory(coverageDir);
    }
  }

  it('takes the "trusted user" branch for a user made verified through the sandbox', async () => {
    const userId = 'usr_abc123';
    const setup = new POYVerify({ apiKey: testKey, baseUrl: server.address });
    const forced = await setup.sandboxOutcome(userId, 'verified');
    assert.equal(forced.isHuman, true);
    const run = await runQuickStart('verified', userId);
    assert.equal(run.completed, true, 'the snippet ran to the end');
    assert.equal(run.trustedBranchRan, true, 'the trusted-user block ran');
  });

  it('does not take it for a user who has not verified (the check can tell the two apart)', async () => {
    const run = await runQuickStart('unverified', 'usr_not_yet');
    assert.equal(run.completed, true);
    assert.equal(run.trustedBranchRan, false);
  });
});

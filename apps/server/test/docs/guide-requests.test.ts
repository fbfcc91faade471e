// The curl commands of the quick starts and the sandbox guide run, in the order printed, against the
// real app with a test key: each must succeed, and where the guide prints the answer (the ```json block
// right after the command) the real answer must have exactly the fields shown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';

const guidesDir = fileURLToPath(new URL('../../../../docs/guides/', import.meta.url));

interface GuideRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** Top-level fields of the answer the guide prints after the command, if it prints one. */
  shownFields: string[] | null;
}

/** Shell words of one command: '…' and "…" quoted, or bare. */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

function requestsOf(guide: string, key: string): GuideRequest[] {
  const source = readFileSync(join(guidesDir, `${guide}.md`), 'utf8');
  const blocks = [...source.matchAll(/^```([a-z]*)[^\n]*\n([\s\S]*?)^```$/gm)].map((match) => ({
    lang: match[1] ?? '',
    code: match[2] ?? '',
  }));
  const requests: GuideRequest[] = [];
  blocks.forEach((block, index) => {
    if (block.lang !== 'sh') return;
    // A command may span lines: continued with a backslash, or inside a quoted JSON body.
    const commands = block.code
      .replace(/\\\n/g, ' ')
      .split(/\n(?=\S)/)
      .filter((command) => command.startsWith('curl '));
    for (const command of commands) {
      const words = shellWords(command.replace(/\$POY_(?:API|TEST)_KEY/g, key));
      const url = words.find((word) => word.startsWith('$POY/'));
      assert.ok(url, `${guide}: ${command}`);
      const headers: Record<string, string> = {};
      let body: unknown;
      words.forEach((word, position) => {
        const next = words[position + 1] ?? '';
        if (word === '-H') {
          const colon = next.indexOf(':');
          headers[next.slice(0, colon).trim().toLowerCase()] = next.slice(colon + 1).trim();
        }
        if (word === '-d') body = JSON.parse(next);
      });
      const following = blocks[index + 1];
      const shown = commands.length === 1 && following?.lang === 'json' ? JSON.parse(following.code) : null;
      requests.push({
        method: body === undefined ? 'GET' : 'POST',
        path: url.slice('$POY'.length),
        headers,
        body,
        shownFields: shown === null ? null : Object.keys(shown).sort(),
      });
    }
  });
  return requests;
}

describe('docs/guides: the printed requests work as printed', () => {
  let harness: TestApp;
  let testKey: string;
  before(async () => {
    harness = await createTestApp();
    ({ testKey } = await createTestTenant(harness));
  });
  after(async () => {
    await harness.close();
  });

  for (const guide of ['quick-start-poy', 'quick-start-connect', 'sandbox']) {
    it(`${guide}: every curl command succeeds and answers the fields shown`, async () => {
      const requests = requestsOf(guide, testKey);
      assert.ok(requests.length >= 2, `${guide} has requests`);
      for (const request of requests) {
        const response = await harness.app.inject({
          method: request.method,
          url: request.path,
          headers: request.headers,
          ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) }),
        });
        const what = `${guide}: ${request.method} ${request.path}`;
        assert.ok(
          response.statusCode >= 200 && response.statusCode < 300,
          `${what}: ${response.statusCode} ${response.body}`,
        );
        if (request.shownFields !== null) {
          assert.deepEqual(Object.keys(Object(JSON.parse(response.body))).sort(), request.shownFields, what);
        }
      }
    });
  }
});

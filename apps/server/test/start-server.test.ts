// startServer as `npm start` runs it: a fresh embedded database gets a demo tenant whose printed key
// works over real HTTP; production mode never creates one. A deployment without dashboard members
// prints a one-time sign-in link for the first owner, in every mode, until someone has used one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/main.ts';
import { makeTempDir, removeDirectory } from './harness.ts';

const SIGN_IN_LINE = /^Dashboard sign-in link \(one use, expires in 24 hours\): (\S+)$/m;

describe('startServer', () => {
  it('creates a demo tenant on a fresh embedded database in development and prints a working key', async () => {
    const dataDir = makeTempDir('start');
    let printed = '';
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    const server = await startServer(config, {
      print: (text) => (printed += text),
      logger: pino({ level: 'silent' }),
    });
    try {
      const key = /poy_test_[0-9A-Za-z]{32}/.exec(printed)?.[0];
      assert.ok(key, printed);
      assert.match(printed, /curl -H "Authorization: Bearer poy_test_/);
      const address = server.address;
      const ok = await fetch(`${address}/api/poy/project`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(ok.status, 200);
      const project: unknown = await ok.json();
      assert.equal(Reflect.get(Object(project), 'publicId'), 'demo');
      const noKey = await fetch(`${address}/api/poy/project`);
      assert.equal(noKey.status, 401);
      const link = SIGN_IN_LINE.exec(printed)?.[1] ?? '';
      assert.ok(link.startsWith(`${config.publicUrl}/dashboard/links/`), printed);
      const page = await fetch(`${address}${new URL(link).pathname}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Demo account/);
    } finally {
      await server.close();
    }
    // A second start on the same data finds accounts and creates no tenant; nobody has signed in
    // yet, so it prints a fresh sign-in link, and only that.
    let secondPrint = '';
    const again = await startServer(config, {
      print: (text) => (secondPrint += text),
      logger: pino({ level: 'silent' }),
    });
    await again.close();
    assert.match(secondPrint, /^Dashboard sign-in link \(one use, expires in 24 hours\): \S+\n$/);
    removeDirectory(dataDir);
  });

  it('never creates a demo tenant in production mode', async () => {
    const dataDir = makeTempDir('start-prod');
    let printed = '';
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      POY_MODE: 'production',
      POY_SECRET_KEY: 'p'.repeat(40),
      PUBLIC_URL: 'https://poy.example.com',
    });
    const server = await startServer(config, {
      print: (text) => (printed += text),
      logger: pino({ level: 'silent' }),
    });
    await server.close();
    assert.match(
      printed,
      /^Dashboard sign-in link \(one use, expires in 24 hours\): https:\/\/poy\.example\.com\/dashboard\/links\/[0-9A-Za-z]{43}\n$/,
    );
    removeDirectory(dataDir);
  });
});

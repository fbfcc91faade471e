// TLS_CERT_FILE / TLS_KEY_FILE: the server speaks HTTPS itself (for trying the phone flow on a real
// phone without a proxy, docs/operations.md), hands out https links, and refuses a wrong setting at
// start with a message that names it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startServer } from '../src/main.ts';
import { makeTempDir, removeDirectory } from './harness.ts';

/** GET over HTTPS, trusting only `caPem`: the certificate must really be the one served. */
function getTrusting(url: string, caPem: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { ca: caPem }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('HTTPS from the server itself', () => {
  let directory: string;
  let certFile: string;
  let keyFile: string;
  before(() => {
    directory = makeTempDir('tls');
    certFile = join(directory, 'cert.pem');
    keyFile = join(directory, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
  });
  after(() => removeDirectory(directory));

  it('serves HTTPS with the given certificate and hands out https links', async () => {
    const config = loadConfig({
      DATA_DIR: join(directory, 'data'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: keyFile,
    });
    assert.match(config.publicUrl, /^https:\/\/localhost:/);
    let printed = '';
    const server = await startServer(config, {
      print: (text) => (printed += text),
      logger: pino({ level: 'silent' }),
    });
    try {
      const port = new URL(server.address).port;
      const health = await getTrusting(`https://localhost:${port}/healthz`, readFileSync(certFile));
      assert.equal(health.status, 200, health.body);
      assert.match(printed, /https:\/\/localhost:0\/api\/poy\/project/);
      // Plain HTTP on the same port is not answered as HTTP.
      await assert.rejects(fetch(`http://localhost:${port}/healthz`));
    } finally {
      await server.close();
    }
  });

  it('refuses half a setting, an unreadable file and a key that is not PEM, naming the variable', async () => {
    assert.throws(() => loadConfig({ TLS_CERT_FILE: certFile }), /TLS_CERT_FILE, TLS_KEY_FILE: set both/);
    const base = { DATA_DIR: join(directory, 'never'), PORT: '0', LOG_LEVEL: 'silent' };
    const missing = loadConfig({
      ...base,
      TLS_CERT_FILE: certFile,
      TLS_KEY_FILE: join(directory, 'absent.pem'),
    });
    await assert.rejects(startServer(missing, { print: () => {} }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /TLS_KEY_FILE: cannot read .*absent\.pem \(ENOENT\)/);
      return true;
    });
    const garbage = join(directory, 'garbage.pem');
    writeFileSync(garbage, 'not a key');
    const wrong = loadConfig({ ...base, TLS_CERT_FILE: certFile, TLS_KEY_FILE: garbage });
    await assert.rejects(
      startServer(wrong, { print: () => {} }),
      /not a PEM certificate and its matching key/,
    );
  });
});

// What the logger scrubs from request URLs and from whole lines (messages, errors, stacks).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger, redactLogLine, redactRequestUrl } from '../src/logger.ts';

describe('log redaction', () => {
  it('request URLs lose their query and the invite code in the path', () => {
    const cases: Array<[string, string]> = [
      ['/i/4kT9aQx2Lm8Zr1Vb6Nc0Pe', '/i/[redacted]'],
      ['/i/4kT9aQx2Lm8Zr1Vb6Nc0Pe/events', '/i/[redacted]/events'],
      ['/i/4kT9aQx2Lm8Zr1Vb6Nc0Pe?on=phone', '/i/[redacted]'],
      ['/flow/4kT9aQx2Lm8Zr1Vb6Nc0Pe/passkey/register', '/flow/[redacted]/passkey/register'],
      ['/enroll?token=enr_4kT9aQx2Lm8Zr1Vb6Nc0Pe', '/enroll'],
      ['/join?code=ABCD-2345', '/join'],
      ['/api/poy/verify', '/api/poy/verify'],
      ['/p/00482A1', '/p/00482A1'],
    ];
    for (const [url, logged] of cases) assert.equal(redactRequestUrl(url), logged, url);
  });

  it('lines lose keys, tokens, secrets, invite paths, queries, URL passwords and e-mail addresses', () => {
    const secrets = [
      'poy_live_Zx81hQ0aPp3LkT5mNv7R2bW9cD4eF6gH',
      'poy_test_Zx81hQ0aPp3LkT5mNv7R2bW9cD4eF6gH',
      'poy_sess_eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl-_x',
      'whsec_q1w2e3r4t5y6u7i8o9p0+/ASDFGHJKLzxcv==',
      'enr_4kT9aQx2Lm8Zr1Vb6Nc0Pe',
      '4kT9aQx2Lm8Zr1Vb6Nc0Pe',
      'ABCD-2345',
      'jane.doe+poy@example.co.uk',
      'jane%40example.com',
      's3cr3t-pa55',
    ];
    const line = JSON.stringify({
      level: 50,
      msg: 'Route GET:/i/4kT9aQx2Lm8Zr1Vb6Nc0Pe/nope?on=phone not found; POST /join?code=ABCD-2345',
      err: {
        type: 'Error',
        message: `key ${secrets[0]} / ${secrets[1]}, session ${secrets[2]}, secret ${secrets[3]}, ${secrets[4]} for ${secrets[7]}`,
        stack: 'Error: boom\n    at http://localhost:8080/flow/4kT9aQx2Lm8Zr1Vb6Nc0Pe/start',
        detail: 'trust of /api/poy/trust/jane%40example.com',
      },
      database: 'postgres://poy:s3cr3t-pa55@db.internal:5432/poy',
    });
    const redacted = redactLogLine(line);
    for (const secret of secrets) assert.ok(!redacted.includes(secret), `${secret} in ${redacted}`);
    const parsed: unknown = JSON.parse(redacted);
    assert.equal(typeof parsed, 'object', 'still one JSON object');
    assert.match(redacted, /poy_live_\[redacted\]/);
    assert.match(redacted, /\/flow\/\[redacted\]\/start/);
    assert.match(redacted, /postgres:\/\/poy:\[redacted\]@db\.internal:5432\/poy/);
    // Ordinary text is left alone.
    const plain = JSON.stringify({
      msg: 'request completed',
      url: '/api/poy/project',
      pkg: 'fastify@5.12.8',
    });
    assert.equal(redactLogLine(plain), plain);
  });

  it('the logger applies both to what it writes, at every level', () => {
    const lines: string[] = [];
    const logger = createLogger(
      { logLevel: 'trace' },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString('utf8'));
          callback();
        },
      }),
    );
    const child = logger.child({ requestId: 'req_1' });
    child.info({ req: { method: 'GET', url: '/i/4kT9aQx2Lm8Zr1Vb6Nc0Pe/events?x=1' } }, 'incoming request');
    child.trace('Route POST:/join?code=ABCD-2345 not found');
    child.error({ err: new Error('bad key poy_test_Zx81hQ0aPp3LkT5mNv7R2bW9cD4eF6gH') }, 'unhandled error');
    assert.equal(lines.length, 3);
    const all = lines.join('');
    for (const secret of ['4kT9aQx2Lm8Zr1Vb6Nc0Pe', 'ABCD-2345', 'Zx81hQ0aPp3LkT5mNv7R2bW9cD4eF6gH']) {
      assert.ok(!all.includes(secret), `${secret} in ${all}`);
    }
    assert.match(all, /"url":"\/i\/\[redacted\]\/events"/);
  });
});

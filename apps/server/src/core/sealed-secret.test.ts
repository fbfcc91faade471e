import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { openSecret, SealedSecretError, sealSecret } from './sealed-secret.ts';

describe('sealed secrets', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and never stores the plaintext', () => {
    const sealed = sealSecret('whsec_abc', key, 'ctx-1');
    assert.match(sealed, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    assert.ok(!sealed.includes('whsec_abc'));
    assert.equal(openSecret(sealed, key, 'ctx-1'), 'whsec_abc');
    assert.notEqual(sealSecret('whsec_abc', key, 'ctx-1'), sealed, 'a fresh IV every time');
  });

  it('refuses another context, another key, tampering and unknown formats', () => {
    const sealed = sealSecret('whsec_abc', key, 'ctx-1');
    assert.throws(() => openSecret(sealed, key, 'ctx-2'), SealedSecretError);
    assert.throws(() => openSecret(sealed, randomBytes(32), 'ctx-1'), SealedSecretError);
    const [version, iv, body] = sealed.split('.');
    const flipped = `${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1) ?? ''}`;
    assert.throws(() => openSecret(`${version}.${iv}.${flipped}`, key, 'ctx-1'), SealedSecretError);
    assert.throws(() => openSecret(`v2.${iv}.${body}`, key, 'ctx-1'), /unknown format/);
    assert.throws(() => openSecret('v1.onlyonepart', key, 'ctx-1'), /malformed/);
  });
});

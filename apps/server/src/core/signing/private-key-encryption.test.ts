import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  decryptPrivateKeyPkcs8,
  encryptPrivateKeyPkcs8,
  SigningKeyDecryptionError,
} from './private-key-encryption.ts';

const KID = 'poy-stamp-20260101-0123456789ab';

function freshKeyPkcs8(): Buffer {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    format: 'der',
    type: 'pkcs8',
  });
}

/** Flips one bit of the base64url part `index` (1 = IV, 2 = ciphertext‖tag) at byte `at`. */
function flipBit(encrypted: string, index: 1 | 2, at: number): string {
  const parts = encrypted.split('.');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  const position = at < 0 ? bytes.length + at : at;
  bytes[position] = (bytes[position] ?? 0) ^ 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('signing keys at rest (AES-256-GCM, v1)', () => {
  const encryptionKey = randomBytes(32);

  it('round-trips a PKCS#8 key, in the documented v1 format, never as plaintext', () => {
    const pkcs8 = freshKeyPkcs8();
    const encrypted = encryptPrivateKeyPkcs8(pkcs8, encryptionKey, KID);
    assert.match(encrypted, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    assert.ok(!encrypted.includes(pkcs8.toString('base64url').slice(0, 40)), 'plaintext must not show');
    const decrypted = decryptPrivateKeyPkcs8(encrypted, encryptionKey, KID);
    assert.deepEqual(decrypted, pkcs8);
    // And it is a usable key.
    assert.equal(createPrivateKey({ key: decrypted, format: 'der', type: 'pkcs8' }).asymmetricKeyType, 'ec');
  });

  it('uses a fresh IV every time', () => {
    const pkcs8 = freshKeyPkcs8();
    assert.notEqual(
      encryptPrivateKeyPkcs8(pkcs8, encryptionKey, KID),
      encryptPrivateKeyPkcs8(pkcs8, encryptionKey, KID),
    );
  });

  it('any changed bit (IV, ciphertext, tag) fails with SigningKeyDecryptionError', () => {
    const encrypted = encryptPrivateKeyPkcs8(freshKeyPkcs8(), encryptionKey, KID);
    for (const tampered of [
      flipBit(encrypted, 1, 0),
      flipBit(encrypted, 2, 0),
      flipBit(encrypted, 2, 60),
      flipBit(encrypted, 2, -1),
    ]) {
      assert.throws(() => decryptPrivateKeyPkcs8(tampered, encryptionKey, KID), SigningKeyDecryptionError);
    }
  });

  it('a wrong secret fails (another POY_SECRET_KEY)', () => {
    const encrypted = encryptPrivateKeyPkcs8(freshKeyPkcs8(), encryptionKey, KID);
    assert.throws(
      () => decryptPrivateKeyPkcs8(encrypted, randomBytes(32), KID),
      /wrong POY_SECRET_KEY or tampered/,
    );
  });

  it('a value moved to another kid fails (the kid is authenticated data)', () => {
    const encrypted = encryptPrivateKeyPkcs8(freshKeyPkcs8(), encryptionKey, KID);
    assert.throws(
      () => decryptPrivateKeyPkcs8(encrypted, encryptionKey, 'poy-session-20260101-0123456789ab'),
      SigningKeyDecryptionError,
    );
  });

  it('unknown versions and malformed values are refused, not guessed at', () => {
    const encrypted = encryptPrivateKeyPkcs8(freshKeyPkcs8(), encryptionKey, KID);
    const [, iv, sealed] = encrypted.split('.');
    for (const value of [
      `v2.${iv}.${sealed}`,
      `${iv}.${sealed}`,
      `v1.${iv}`,
      `v1.${iv}.${sealed}.extra`,
      `v1.${iv}.`,
      `v1.AAAA.${sealed}`,
      `v1.${iv}.AAAA`,
      `v1.${iv}.${sealed}!`,
      '',
    ]) {
      assert.throws(
        () => decryptPrivateKeyPkcs8(value, encryptionKey, KID),
        SigningKeyDecryptionError,
        value,
      );
    }
  });

  it('refuses an encryption key that is not 32 bytes', () => {
    assert.throws(() => encryptPrivateKeyPkcs8(freshKeyPkcs8(), randomBytes(16), KID), /32 bytes/);
  });
});

// The browser passkey ceremonies with an injected navigator.credentials: the JSON → ArrayBuffer
// conversions going in, and the credential → JSON conversions coming out.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  type CredentialsLike,
  runPasskeyAuthentication,
  runPasskeyRegistration,
  toCreationOptions,
  type WebAuthnCreationOptions,
  type WebAuthnRequestOptions,
} from '../src/browser.ts';
import type { PasskeyCreationOptions } from '../src/index.ts';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const bytesOf = (buffer: ArrayBuffer) => Buffer.from(new Uint8Array(buffer));

const CHALLENGE = randomBytes(32);
const USER_ID = randomBytes(32);
const EXCLUDED = randomBytes(16);
const CREATION: PasskeyCreationOptions = {
  challenge: b64url(CHALLENGE),
  rp: { name: 'Acme', id: 'localhost' },
  user: { id: b64url(USER_ID), name: 'jane', displayName: 'Jane Doe' },
  pubKeyCredParams: [
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  timeout: 60000,
  excludeCredentials: [{ id: b64url(EXCLUDED), type: 'public-key', transports: ['internal', 'smart-card'] }],
  authenticatorSelection: {
    residentKey: 'preferred',
    userVerification: 'required',
    authenticatorAttachment: 'bogus',
  },
  attestation: 'none',
  extensions: { credProps: true },
};

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

describe('runPasskeyRegistration', () => {
  it('decodes the options, calls create(), and encodes the credential as RegistrationResponseJSON', async () => {
    const rawId = randomBytes(20);
    const clientData = Buffer.from('{"type":"webauthn.create"}');
    const attestation = randomBytes(100);
    const publicKey = randomBytes(91);
    let seen: WebAuthnCreationOptions | undefined;
    const credentials: CredentialsLike = {
      async create(options) {
        seen = options.publicKey;
        return {
          id: b64url(rawId),
          rawId: arrayBufferOf(rawId),
          type: 'public-key',
          authenticatorAttachment: 'platform',
          response: {
            clientDataJSON: arrayBufferOf(clientData),
            attestationObject: arrayBufferOf(attestation),
            getTransports: () => ['internal', 'hybrid'],
            getPublicKeyAlgorithm: () => -7,
            getPublicKey: () => arrayBufferOf(publicKey),
            getAuthenticatorData: () => {
              throw new Error('not supported here');
            },
          },
          getClientExtensionResults: () => ({ credProps: { rk: true } }),
        };
      },
      async get() {
        throw new Error('unused');
      },
    };
    const credential = await runPasskeyRegistration(CREATION, { credentials });
    assert.ok(seen);
    assert.deepEqual(bytesOf(seen.challenge), CHALLENGE);
    assert.deepEqual(bytesOf(seen.user.id), USER_ID);
    assert.deepEqual(seen.rp, { name: 'Acme', id: 'localhost' });
    assert.equal(seen.excludeCredentials?.length, 1);
    assert.deepEqual(bytesOf(seen.excludeCredentials?.[0]?.id ?? new ArrayBuffer(0)), EXCLUDED);
    assert.deepEqual(seen.excludeCredentials?.[0]?.transports, ['internal']);
    assert.deepEqual(seen.authenticatorSelection, { residentKey: 'preferred', userVerification: 'required' });
    assert.deepEqual(seen.extensions, { credProps: true });
    assert.deepEqual(credential, {
      id: b64url(rawId),
      rawId: b64url(rawId),
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(attestation),
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: -7,
        publicKey: b64url(publicKey),
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      type: 'public-key',
    });
  });

  it('fails clearly without WebAuthn, on a cancelled ceremony, and on options that are not base64url', async () => {
    await assert.rejects(runPasskeyRegistration(CREATION), /Passkeys need a browser with WebAuthn/);
    const cancelled: CredentialsLike = {
      create: async () => null,
      get: async () => null,
    };
    await assert.rejects(
      runPasskeyRegistration(CREATION, { credentials: cancelled }),
      /returned no passkey credential/,
    );
    assert.throws(
      () => toCreationOptions({ ...CREATION, challenge: 'not base64url!' }),
      /challenge is not base64url/,
    );
  });
});

describe('runPasskeyAuthentication', () => {
  it('decodes the options, calls get(), and returns the body passkeys.authenticate takes', async () => {
    const rawId = randomBytes(16);
    const allowed = randomBytes(16);
    const authenticatorData = randomBytes(37);
    const clientData = Buffer.from('{"type":"webauthn.get"}');
    const signature = randomBytes(71);
    const userHandle = randomBytes(32);
    let seen: { publicKey: WebAuthnRequestOptions; mediation?: string } | undefined;
    const controller = new AbortController();
    const credentials: CredentialsLike = {
      async create() {
        throw new Error('unused');
      },
      async get(options) {
        seen = options;
        assert.equal(options.signal, controller.signal);
        return {
          id: b64url(rawId),
          rawId: arrayBufferOf(rawId),
          type: 'public-key',
          response: {
            authenticatorData: arrayBufferOf(authenticatorData),
            clientDataJSON: arrayBufferOf(clientData),
            signature: arrayBufferOf(signature),
            userHandle: arrayBufferOf(userHandle),
          },
        };
      },
    };
    const assertion = await runPasskeyAuthentication(
      {
        challenge: b64url(CHALLENGE),
        rpId: 'localhost',
        allowCredentials: [{ id: b64url(allowed), type: 'public-key' }],
        userVerification: 'required',
        timeout: 60000,
      },
      { credentials, signal: controller.signal, mediation: 'optional' },
    );
    assert.ok(seen);
    assert.equal(seen.mediation, 'optional');
    assert.deepEqual(bytesOf(seen.publicKey.challenge), CHALLENGE);
    assert.deepEqual(bytesOf(seen.publicKey.allowCredentials?.[0]?.id ?? new ArrayBuffer(0)), allowed);
    assert.equal(seen.publicKey.userVerification, 'required');
    assert.deepEqual(assertion, {
      credentialId: b64url(rawId),
      authenticatorData: b64url(authenticatorData),
      clientDataJSON: b64url(clientData),
      signature: b64url(signature),
      userHandle: b64url(userHandle),
    });
  });

  it('leaves userHandle out when the authenticator returns none', async () => {
    const credentials: CredentialsLike = {
      create: async () => null,
      get: async () => ({
        id: 'AQID',
        rawId: arrayBufferOf(Uint8Array.of(1, 2, 3)),
        type: 'public-key',
        response: {
          authenticatorData: new ArrayBuffer(37),
          clientDataJSON: new ArrayBuffer(10),
          signature: new ArrayBuffer(70),
          userHandle: null,
        },
      }),
    };
    const assertion = await runPasskeyAuthentication({ challenge: b64url(CHALLENGE) }, { credentials });
    assert.equal(assertion.userHandle, undefined);
    assert.equal(assertion.credentialId, 'AQID');
  });
});

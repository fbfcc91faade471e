// The soft authenticator is only useful if the real verifier accepts what it produces and refuses what
// it is told to get wrong; these tests hold it to @simplewebauthn/server, the library the server uses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import {
  decodeAttestationObject,
  isoBase64URL,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { SoftAuthenticator } from './soft-authenticator.ts';

const RP_ID = 'localhost';
const ORIGIN = 'http://localhost:8080';

async function registrationOptions() {
  return generateRegistrationOptions({
    rpName: 'POY',
    rpID: RP_ID,
    userName: 'PoY identity',
    userID: new TextEncoder().encode('hum_test'),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -257],
  });
}

/** Registers one credential and returns what a server would store for it. */
async function registerOne(authenticator: SoftAuthenticator) {
  const options = await registrationOptions();
  const response = authenticator.createRegistrationResponse(options, { origin: ORIGIN });
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification: true,
  });
  assert.ok(verification.verified, JSON.stringify(response));
  return { options, response, info: verification.registrationInfo };
}

describe('soft authenticator', () => {
  it('produces a none-attestation registration that @simplewebauthn/server verifies', async () => {
    const authenticator = new SoftAuthenticator();
    const { options, response, info } = await registerOne(authenticator);

    assert.equal(info.fmt, 'none');
    assert.equal(info.credential.id, response.id);
    assert.equal(info.credential.counter, 0);
    assert.equal(info.userVerified, true);
    assert.equal(info.credentialDeviceType, 'singleDevice');
    assert.equal(info.credentialBackedUp, false);
    assert.equal(info.aaguid, '00000000-0000-0000-0000-000000000000');
    assert.equal(response.authenticatorAttachment, 'platform');

    const idLength = isoBase64URL.toBuffer(response.id).length;
    assert.ok(idLength >= 16 && idLength <= 32, `credential id is ${idLength} bytes`);
    const [credential] = authenticator.credentials;
    assert.equal(credential?.userHandle, options.user.id);
    assert.equal(credential?.rpId, RP_ID);

    const attestation = decodeAttestationObject(isoBase64URL.toBuffer(response.response.attestationObject));
    assert.equal(attestation.get('fmt'), 'none');
    assert.equal(attestation.get('attStmt').size, 0);
    const flags = parseAuthenticatorData(attestation.get('authData')).flags;
    assert.deepEqual(
      { up: flags.up, uv: flags.uv, be: flags.be, bs: flags.bs, at: flags.at, ed: flags.ed },
      { up: true, uv: true, be: false, bs: false, at: true, ed: false },
    );
  });

  it('produces a packed self attestation naming the AAGUID it is given, which the verifier accepts', async () => {
    const authenticator = new SoftAuthenticator();
    const options = await registrationOptions();
    const aaguid = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
    const response = authenticator.createRegistrationResponse(options, {
      origin: ORIGIN,
      attestation: { format: 'packed-self', aaguid },
    });
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    });
    assert.ok(verification.verified);
    assert.equal(verification.registrationInfo.fmt, 'packed');
    assert.equal(verification.registrationInfo.aaguid, aaguid);
    const statement = decodeAttestationObject(isoBase64URL.toBuffer(response.response.attestationObject)).get(
      'attStmt',
    );
    assert.equal(statement.get('x5c'), undefined, 'self attestation: no certificate');
    assert.equal(statement.get('alg'), -7);
  });

  it('sets the flags it is told to: no UV, backup eligible and backed up, roaming', async () => {
    const authenticator = new SoftAuthenticator();
    const options = await registrationOptions();
    const response = authenticator.createRegistrationResponse(options, {
      origin: ORIGIN,
      userVerified: false,
      attachment: 'cross-platform',
      backupEligible: true,
      backedUp: true,
    });
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      requireUserVerification: false,
    });
    assert.ok(verification.verified);
    assert.equal(verification.registrationInfo.userVerified, false);
    assert.equal(verification.registrationInfo.credentialDeviceType, 'multiDevice');
    assert.equal(verification.registrationInfo.credentialBackedUp, true);
    assert.equal(response.authenticatorAttachment, 'cross-platform');

    // The same response must fail where user verification is required: the flag is really off.
    await assert.rejects(
      verifyRegistrationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        requireUserVerification: true,
      }),
      /User verification was required/,
    );
  });

  it('signs assertions that verify, with an increasing counter and the registered user handle', async () => {
    const authenticator = new SoftAuthenticator();
    const { options: creation, info } = await registerOne(authenticator);
    let storedCounter = info.credential.counter;

    for (const expectedCounter of [1, 2]) {
      const options = await generateAuthenticationOptions({ rpID: RP_ID, userVerification: 'required' });
      const response = authenticator.createAuthenticationResponse(options, { origin: ORIGIN });
      assert.equal(response.id, info.credential.id);
      assert.equal(response.response.userHandle, creation.user.id);
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: { ...info.credential, counter: storedCounter },
        requireUserVerification: true,
      });
      assert.ok(verification.verified, JSON.stringify(response));
      assert.equal(verification.authenticationInfo.newCounter, expectedCounter);
      assert.equal(verification.authenticationInfo.userVerified, true);
      storedCounter = verification.authenticationInfo.newCounter;
    }
  });

  it('answers the credential named in allowCredentials or by credentialId', async () => {
    const authenticator = new SoftAuthenticator();
    const first = await registerOne(authenticator);
    const second = await registerOne(authenticator);
    const options = await generateAuthenticationOptions({
      rpID: RP_ID,
      allowCredentials: [{ id: first.info.credential.id }],
    });
    assert.equal(
      authenticator.createAuthenticationResponse(options, { origin: ORIGIN }).id,
      first.response.id,
    );
    const discoverable = await generateAuthenticationOptions({ rpID: RP_ID });
    assert.equal(
      authenticator.createAuthenticationResponse(discoverable, { origin: ORIGIN }).id,
      second.response.id,
    );
    assert.equal(
      authenticator.createAuthenticationResponse(discoverable, {
        origin: ORIGIN,
        credentialId: first.response.id,
      }).id,
      first.response.id,
    );
    assert.throws(() =>
      authenticator.createAuthenticationResponse({ challenge: 'x', rpId: 'example.com' }, { origin: ORIGIN }),
    );
  });

  it('is refused by the verifier when the counter does not increase or UV is missing', async () => {
    const authenticator = new SoftAuthenticator();
    const { info } = await registerOne(authenticator);
    const options = await generateAuthenticationOptions({ rpID: RP_ID });
    const first = authenticator.createAuthenticationResponse(options, { origin: ORIGIN });
    const firstVerification = await verifyAuthenticationResponse({
      response: first,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: info.credential,
    });
    const storedCounter = firstVerification.authenticationInfo.newCounter;

    const again = await generateAuthenticationOptions({ rpID: RP_ID });
    const cloned = authenticator.createAuthenticationResponse(again, {
      origin: ORIGIN,
      signCountOverride: storedCounter,
    });
    await assert.rejects(
      verifyAuthenticationResponse({
        response: cloned,
        expectedChallenge: again.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: { ...info.credential, counter: storedCounter },
      }),
      /counter/,
    );
    // An override does not advance the authenticator's own counter.
    assert.equal(authenticator.credentials[0]?.signCount, storedCounter);

    const noUv = authenticator.createAuthenticationResponse(again, { origin: ORIGIN, userVerified: false });
    await assert.rejects(
      verifyAuthenticationResponse({
        response: noUv,
        expectedChallenge: again.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: { ...info.credential, counter: storedCounter },
        requireUserVerification: true,
      }),
      /User verification/,
    );
  });

  it('is refused for another origin or a tampered signature', async () => {
    const authenticator = new SoftAuthenticator();
    const { info } = await registerOne(authenticator);
    const options = await generateAuthenticationOptions({ rpID: RP_ID });
    const foreign = authenticator.createAuthenticationResponse(options, { origin: 'https://evil.example' });
    await assert.rejects(
      verifyAuthenticationResponse({
        response: foreign,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: info.credential,
      }),
      /origin/,
    );

    const genuine = authenticator.createAuthenticationResponse(options, { origin: ORIGIN });
    const signature = isoBase64URL.toBuffer(genuine.response.signature);
    const last = signature.length - 1;
    signature[last] = (signature[last] ?? 0) ^ 0x01;
    const tampered = {
      ...genuine,
      response: { ...genuine.response, signature: isoBase64URL.fromBuffer(signature) },
    };
    const verification = await verifyAuthenticationResponse({
      response: tampered,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: info.credential,
    }).catch(() => ({ verified: false }));
    assert.equal(verification.verified, false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { type AttestationTrust, attestationTrustOf, decideAttestation } from './attestation.ts';

const ALLOWED = 'fa2b99dc-9e39-4257-8f92-4a30d23c4118';
const OTHER = 'ee882879-721c-4913-9775-3dfcce97072a';
const POLICY = { attestationRequired: true, aaguidAllowList: [ALLOWED] };

/** A CBOR value as isoCBOR.encode takes it (tiny-cbor's CBORType, which it does not re-export). */
type Cbor = Parameters<typeof isoCBOR.encode>[0];

function attestationObject(fmt: string, statement: Map<string, Cbor>): Uint8Array<ArrayBuffer> {
  const encoded = isoCBOR.encode(
    new Map<string, Cbor>([
      ['fmt', fmt],
      ['attStmt', statement],
      ['authData', new Uint8Array(37)],
    ]),
  );
  return new Uint8Array(encoded);
}

describe('attestation against the allow-list', () => {
  it('is not assessed when the policy does not require it', () => {
    assert.equal(
      decideAttestation(
        { attestationRequired: false, aaguidAllowList: [ALLOWED] },
        { aaguid: ALLOWED, fmt: 'packed', trust: 'certificate' },
      ),
      null,
    );
  });

  it('is met only by a certificate-backed attestation naming an allowed model', () => {
    const cases: Array<{ fmt: string; trust: AttestationTrust; aaguid: string; met: boolean }> = [
      { fmt: 'packed', trust: 'certificate', aaguid: ALLOWED, met: true },
      { fmt: 'apple', trust: 'vendor_root', aaguid: ALLOWED, met: true },
      { fmt: 'packed', trust: 'certificate', aaguid: ALLOWED.toUpperCase(), met: true },
      { fmt: 'packed', trust: 'certificate', aaguid: OTHER, met: false },
      // Self attestation: the authenticator wrote the AAGUID and signed it with the new key itself.
      { fmt: 'packed', trust: 'self', aaguid: ALLOWED, met: false },
      { fmt: 'none', trust: 'none', aaguid: '00000000-0000-0000-0000-000000000000', met: false },
      { fmt: 'none', trust: 'none', aaguid: ALLOWED, met: false },
    ];
    for (const { fmt, trust, aaguid, met } of cases) {
      assert.deepEqual(
        decideAttestation(POLICY, { fmt, trust, aaguid }),
        { required: true, met, aaguid: aaguid.toLowerCase(), fmt, trust },
        `${fmt}/${trust}/${aaguid}`,
      );
    }
  });

  it('the all-zero AAGUID never meets it, even if a list somehow held it', () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    const signal = decideAttestation(
      { attestationRequired: true, aaguidAllowList: [zero] },
      { aaguid: zero, fmt: 'packed', trust: 'certificate' },
    );
    assert.equal(signal?.met, false);
  });

  it('reads the trust from the format and whether the statement carries a certificate', () => {
    assert.equal(attestationTrustOf('none', attestationObject('none', new Map())), 'none');
    assert.equal(
      attestationTrustOf(
        'packed',
        attestationObject(
          'packed',
          new Map<string, Cbor>([
            ['alg', -7],
            ['sig', new Uint8Array(8)],
          ]),
        ),
      ),
      'self',
    );
    assert.equal(
      attestationTrustOf(
        'packed',
        attestationObject(
          'packed',
          new Map<string, Cbor>([
            ['alg', -7],
            ['sig', new Uint8Array(8)],
            ['x5c', [new Uint8Array(8)]],
          ]),
        ),
      ),
      'certificate',
    );
    assert.equal(
      attestationTrustOf('packed', attestationObject('packed', new Map<string, Cbor>([['x5c', []]]))),
      'self',
      'an empty certificate list is no certificate',
    );
    assert.equal(attestationTrustOf('apple', attestationObject('apple', new Map())), 'vendor_root');
    assert.equal(
      attestationTrustOf('android-key', attestationObject('android-key', new Map())),
      'vendor_root',
    );
  });
});

// Authenticator attestation against a project's AAGUID allow-list (docs/assurance.md §3). Threat
// answered: a project that wants passkeys only from certain authenticator models (a company's issued
// security keys, say) must not accept a passkey that merely names one of them. So:
// - `none` attestation proves nothing (its AAGUID is usually all zeros) and never meets the policy;
// - self attestation (`packed` without a certificate) is signed by the new credential's own key, so
//   its AAGUID is whatever the authenticator chose to write: it never meets the policy either;
// - with a certificate, simplewebauthn has checked the statement's signature over the registration.
// What is NOT checked offline: that the certificate chains to the vendor's root. simplewebauthn does
// that for `apple` and `android-key` (their roots ship with it), not for `packed`, `tpm` or
// `fido-u2f`, whose roots come from the FIDO Metadata Service, which this server does not fetch. A
// software authenticator that makes its own certificate can therefore claim an allowed model there.
import { decodeAttestationObject } from '@simplewebauthn/server/helpers';
import type { AssurancePolicy } from './policy.ts';
import { NIL_AAGUID } from './policy-settings.ts';

/** How far the attestation's claim about the model can be trusted (see the note above). */
export type AttestationTrust = 'none' | 'self' | 'certificate' | 'vendor_root';

/** What the passkey step records on the session when the policy requires attestation. */
export interface AttestationSignal {
  required: true;
  met: boolean;
  aaguid: string;
  fmt: string;
  trust: AttestationTrust;
}

/** Formats whose certificate simplewebauthn chains to a root it ships with. */
const VENDOR_ROOTED_FORMATS: ReadonlySet<string> = new Set(['apple', 'android-key', 'android-safetynet']);

/** From a registration simplewebauthn verified: its format and the raw attestation object. */
export function attestationTrustOf(
  fmt: string,
  attestationObject: Uint8Array<ArrayBuffer>,
): AttestationTrust {
  if (fmt === 'none') return 'none';
  if (VENDOR_ROOTED_FORMATS.has(fmt)) return 'vendor_root';
  const statement = decodeAttestationObject(attestationObject).get('attStmt');
  const certificates = statement.get('x5c');
  return certificates !== undefined && certificates.length > 0 ? 'certificate' : 'self';
}

/** The decision, apart from decoding, so that it can be tested for every combination. */
export function decideAttestation(
  policy: Pick<AssurancePolicy, 'attestationRequired' | 'aaguidAllowList'>,
  observed: { aaguid: string; fmt: string; trust: AttestationTrust },
): AttestationSignal | null {
  if (!policy.attestationRequired) return null;
  const aaguid = observed.aaguid.toLowerCase();
  const met =
    observed.fmt !== 'none' &&
    (observed.trust === 'certificate' || observed.trust === 'vendor_root') &&
    aaguid !== NIL_AAGUID &&
    policy.aaguidAllowList.includes(aaguid);
  return { required: true, met, aaguid, fmt: observed.fmt, trust: observed.trust };
}

/** For a registration simplewebauthn verified; null when the policy does not require attestation. */
export function assessAttestation(
  policy: Pick<AssurancePolicy, 'attestationRequired' | 'aaguidAllowList'>,
  registration: { aaguid: string; fmt: string; attestationObject: Uint8Array<ArrayBuffer> },
): AttestationSignal | null {
  if (!policy.attestationRequired) return null;
  const trust = attestationTrustOf(registration.fmt, registration.attestationObject);
  return decideAttestation(policy, { aaguid: registration.aaguid, fmt: registration.fmt, trust });
}

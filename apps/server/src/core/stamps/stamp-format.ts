// Signing and checking content stamps on the server with the KeyObjects of its key ring. The bytes and
// the `ecdsa:` encoding are @poy/wire's (spec/stamps.md, format `poy-stamp/v1`), the same code every
// verifier runs; only the ECDSA itself is node:crypto's, which is faster than WebCrypto here and
// synchronous. Threats (forgery, ambiguous encodings, sandbox stamps passing as real ones) and their
// answers are described in @poy/wire's stamp-format.ts.
import { type KeyObject, sign, verify } from 'node:crypto';
import {
  canonicalStampBytes,
  decodeStampSignature,
  encodeStampSignature,
  type StampStatement,
} from '@poy/wire';

/** `ecdsa:` + base64url P1363 ES256 over the statement's canonical bytes; throws StampFormatError. */
export function signStamp(statement: StampStatement, privateKey: KeyObject): string {
  const signatureP1363 = sign('sha256', canonicalStampBytes(statement), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return encodeStampSignature(signatureP1363);
}

/** False for a bad signature, a malformed one, or a statement that does not fit v1; never throws. */
export function verifyStampSignature(
  statement: StampStatement,
  signature: string,
  publicKey: KeyObject,
): boolean {
  const signatureP1363 = decodeStampSignature(signature);
  if (signatureP1363 === null) return false;
  let bytes: Uint8Array;
  try {
    bytes = canonicalStampBytes(statement);
  } catch {
    return false;
  }
  return verify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signatureP1363);
}

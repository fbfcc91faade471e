// Who the project's passkeys are for: the relying party (RP id, name, origins) and the user handle the
// authenticator keeps. Threat answered: tracking users across projects through the authenticator, so
// the user handle is an HMAC of (project, mode, userId) under a server key, revealing neither the userId
// nor which projects a person uses.
import { createHmac } from 'node:crypto';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { KeyMode, Project } from '../../store/store.ts';
import type { ServerSecrets } from '../secrets.ts';
import { bytesEqual } from '../token-digest.ts';

export interface RelyingParty {
  rpId: string;
  rpName: string;
  origins: string[];
}

export function relyingPartyOf(
  project: Pick<Project, 'name' | 'webauthnRpId' | 'webauthnRpName' | 'webauthnOrigins'>,
  publicUrl: string,
): RelyingParty {
  const url = new URL(publicUrl);
  return {
    rpId: project.webauthnRpId ?? url.hostname,
    rpName: project.webauthnRpName ?? project.name,
    origins: project.webauthnOrigins.length > 0 ? project.webauthnOrigins : [url.origin],
  };
}

/** base64url(HMAC-SHA256(userHandleKey, projectId|mode|userId)): 32 bytes, within WebAuthn's 64. */
export function deriveUserHandle(
  secrets: Pick<ServerSecrets, 'userHandleKey'>,
  input: { projectId: string; mode: KeyMode; userId: string },
): string {
  // projectId and mode never contain "|", so the userId (last) cannot shift the boundaries.
  const mac = createHmac('sha256', secrets.userHandleKey)
    .update(`${input.projectId}|${input.mode}|${input.userId}`, 'utf8')
    .digest();
  return isoBase64URL.fromBuffer(new Uint8Array(mac));
}

export function userHandlesEqual(presented: string, expected: string): boolean {
  let presentedBytes: Uint8Array;
  try {
    presentedBytes = isoBase64URL.toBuffer(presented);
  } catch {
    return false;
  }
  const expectedBytes = isoBase64URL.toBuffer(expected);
  return bytesEqual(presentedBytes, expectedBytes);
}

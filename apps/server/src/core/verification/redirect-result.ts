// The final redirect of the hosted flow (docs/api.md §8). Threat: a person (or anyone who can edit a
// URL) telling the business "VERIFIED" for a user who is not. So the redirect carries no readable
// verdict at all, only `poy_result`: a short-lived ES256 JWS of the outcome, signed with the
// deployment's `redirect` key and checkable offline against the JWKS (format and checks: @poy/wire
// redirect-result-format.ts). A fresh token is minted each time the final URL is built, so every reader
// (the page, the SSE stream, the flow's answer) gets a valid one; pending invites never mint.
import { randomBytes, sign } from 'node:crypto';
import {
  assembleRedirectResult,
  REDIRECT_RESULT_PARAMETER,
  type RedirectResultClaims,
  type RedirectResultStatus,
  redirectResultSigningInput,
} from '@poy/wire';
import type { ConnectUser, Project } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { SigningKeyRing } from '../signing/signing-key-ring.ts';
import { isRedirectUrlAllowed } from './redirect-origins.ts';

/** A result is for the moment the person arrives: 10 minutes covers a slow redirect and clock skew. */
export const REDIRECT_RESULT_TTL_SECONDS = 600;

export interface RedirectResultDeps {
  keyRing: SigningKeyRing;
  clock: Clock;
  /** The `iss` of every token: the deployment's PUBLIC_URL. */
  issuer: string;
}

export interface RedirectResultInput {
  project: Pick<Project, 'id'>;
  user: Pick<ConnectUser, 'id' | 'referenceUserId' | 'mode'>;
  status: RedirectResultStatus;
}

/** Signs the outcome of a finished invite as a `poy-result+jwt`. */
export async function mintRedirectResult(
  deps: RedirectResultDeps,
  input: RedirectResultInput,
): Promise<{ token: string; claims: RedirectResultClaims }> {
  const key = await deps.keyRing.signingKey('redirect');
  const issuedAtSeconds = Math.floor(deps.clock.now().getTime() / 1000);
  const claims: RedirectResultClaims = {
    iss: deps.issuer,
    aud: input.project.id,
    sub: input.user.id,
    reference_user_id: input.user.referenceUserId,
    poy_mode: input.user.mode,
    status: input.status,
    nonce: randomBytes(16).toString('base64url'),
    iat: issuedAtSeconds,
    exp: issuedAtSeconds + REDIRECT_RESULT_TTL_SECONDS,
  };
  const signingInput = redirectResultSigningInput(key.kid, claims);
  const signatureP1363 = sign('sha256', Buffer.from(signingInput, 'ascii'), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return { token: assembleRedirectResult(signingInput, signatureP1363), claims };
}

/**
 * The business's `redirect_url` with `poy_result` set (its own query kept), or null when the URL is no
 * longer allowed: a project that restricted its origins after the user registered is obeyed now.
 */
export async function buildFinalRedirect(
  deps: RedirectResultDeps,
  redirectUrl: string,
  input: RedirectResultInput & { project: Pick<Project, 'id' | 'redirectOrigins'> },
): Promise<string | null> {
  if (!isRedirectUrlAllowed(input.project.redirectOrigins, redirectUrl)) return null;
  const url = new URL(redirectUrl);
  const { token } = await mintRedirectResult(deps, input);
  url.searchParams.set(REDIRECT_RESULT_PARAMETER, token);
  return url.toString();
}

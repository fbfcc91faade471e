// What the hosted pages show about an invite, and how they follow it live. The invite's own fate is
// what counts: an old invite of a user who has since been sent a new one still shows how it ended.
import type { ConnectUserStatus, DataRequestType, KeyMode } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { type ProjectBranding, projectBrandingOf } from '../tenancy/project-branding.ts';
import { type DeviceBinding, deviceBindingOf } from './flow/device-binding.ts';
import { findSessionByInviteCode } from './flow/flow-session.ts';
import {
  deriveInviteCode,
  deriveShortCode,
  hashShortCodeForLookup,
  normalizeShortCode,
} from './invite-codes.ts';
import { buildFinalRedirect, type RedirectResultDeps } from './redirect-result.ts';
import { expireVerificationSession, inviteStatusOf } from './verification-sessions.ts';

export interface InviteView {
  status: ConnectUserStatus;
  /** The name the pages show: the project's brand name, else its name. */
  projectName: string;
  /** The project's logo and accent colour (checked again by the templates before they render). */
  branding: ProjectBranding;
  mode: KeyMode;
  dataRequestType: DataRequestType;
  shortCode: string;
  inviteUrl: string;
  /** `redirect_url` with a fresh signed `poy_result`, once the invite has ended; else null. */
  redirectUrl: string | null;
  expiresAt: Date;
  /** Whether the flow is bound to a device, and whether it is the asking one (device-binding.ts). */
  device: DeviceBinding;
  /**
   * Where a person whose link no longer works can find the project: its first allowed redirect
   * origin, the one site the project has declared as its own; null when it lists none.
   */
  projectSiteUrl: string | null;
}

/**
 * The invite as the pages show it. `redirects` signs the final redirect (redirect-result.ts);
 * `deviceSecret` is what the asking browser holds for this invite, or null.
 */
export async function loadInviteView(
  deps: CoreContext,
  redirects: RedirectResultDeps,
  code: string,
  deviceSecret: string | null = null,
): Promise<InviteView | null> {
  let session = await findSessionByInviteCode(deps, code);
  if (!session) return null;
  if (session.status === 'PENDING' && session.expiresAt <= deps.clock.now()) {
    const pending = session;
    session = await deps.store.transaction(async (tx) => {
      const locked = await tx.findSessionById(pending.id, { forUpdate: true });
      if (locked?.status === 'PENDING' && locked.expiresAt <= deps.clock.now()) {
        await expireVerificationSession(tx, deps, locked);
      }
      return tx.findSessionById(pending.id);
    });
    if (!session) return null;
  }
  const [project, user] = await Promise.all([
    deps.store.findProjectById(session.projectId),
    session.connectUserId ? deps.store.findConnectUserById(session.connectUserId) : Promise.resolve(null),
  ]);
  if (!project) return null;
  const status = inviteStatusOf(session);
  const branding = projectBrandingOf(project);
  return {
    status,
    projectName: branding.displayName,
    branding,
    mode: session.mode,
    dataRequestType: user?.dataRequestType ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
    shortCode: deriveShortCode(deps.secrets, session.id),
    inviteUrl: `${deps.publicUrl}/i/${code}`,
    // Only a finished invite mints a token; pending reads (polling, SSE heartbeats) stay cheap.
    redirectUrl:
      status !== 'PENDING' && user?.redirectUrl
        ? await buildFinalRedirect(redirects, user.redirectUrl, { project, user, status })
        : null,
    expiresAt: session.expiresAt,
    device: deviceBindingOf(session, deviceSecret),
    projectSiteUrl: project.redirectOrigins[0] ?? null,
  };
}

/** The invite code behind a short code typed at /join, while its session can still be used. */
export async function resolveShortCode(deps: CoreContext, input: string): Promise<string | null> {
  const shortCode = normalizeShortCode(input);
  const shortCodeHashHex = shortCode === null ? null : hashShortCodeForLookup(shortCode);
  if (shortCodeHashHex === null) return null;
  const session = await deps.store.findSessionByShortCodeHash(shortCodeHashHex);
  if (session?.status !== 'PENDING' || session.expiresAt <= deps.clock.now()) return null;
  return deriveInviteCode(deps.secrets, session.id);
}

/** Calls `onChange` whenever the invite's session changes, on any process. */
export function subscribeToInvite(deps: CoreContext, code: string, onChange: () => void): () => void {
  let sessionId: string | null = null;
  let closed = false;
  findSessionByInviteCode(deps, code).then(
    (session) => {
      sessionId = session?.id ?? null;
      // A change may have landed before the lookup finished: let the subscriber re-read once.
      if (!closed && sessionId) onChange();
    },
    () => {},
  );
  const unsubscribe = deps.store.onInvalidation((invalidation) => {
    if (closed) return;
    if (
      invalidation.kind === 'all' ||
      (invalidation.kind === 'verification_session' && invalidation.sessionId === sessionId)
    ) {
      onChange();
    }
  });
  return () => {
    closed = true;
    unsubscribe();
  };
}

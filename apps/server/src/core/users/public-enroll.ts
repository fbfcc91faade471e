// Public enrollment (docs/api.md §5): anyone may ask for a PoY identity from a project's front end. The
// e-mail is personal data and is kept only as a keyed hash (no mail is sent), the display name only
// for the passkey prompt; both are erased with the human. One e-mail maps to one identity, so
// repeated requests do not mint PoY ids.
import { createHmac } from 'node:crypto';
import type { Human, StoreOperations } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { formatPoyId, generatePoyCode } from '../identity/poy-id.ts';
import { createId } from '../ids.ts';
import { deriveInviteCode } from '../verification/invite-codes.ts';
import { openVerificationSession } from '../verification/verification-sessions.ts';

export interface PublicEnrollment {
  poyId: string;
  enrollmentUrl: string;
  expiresAt: Date;
}

export function hashEmail(deps: Pick<CoreContext, 'secrets'>, email: string): string {
  return createHmac('sha256', deps.secrets.emailHashKey).update(email.trim().toLowerCase()).digest('hex');
}

/** The enrollment URL carries the invite code of an enrollment session, prefixed `enr_`. */
export function enrollmentUrlOf(deps: Pick<CoreContext, 'publicUrl' | 'secrets'>, sessionId: string): string {
  return `${deps.publicUrl}/enroll?token=enr_${deriveInviteCode(deps.secrets, sessionId)}`;
}

async function findOrCreateEnrollee(
  tx: StoreOperations,
  deps: CoreContext,
  input: { emailHash: string; displayName: string },
): Promise<Human> {
  const existing = await tx.findHumanByEmailHash('live', input.emailHash);
  if (existing) return existing;
  const now = deps.clock.now();
  for (let attempt = 0; attempt < 8; attempt++) {
    const human = await tx.insertHuman({
      id: createId('hum'),
      mode: 'live',
      poyCode: generatePoyCode(),
      status: 'pending',
      trustScore: 0,
      trustCeiling: 0,
      successfulVerifications: 0,
      emailHash: input.emailHash,
      displayName: input.displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (human) return human;
    // Either the code was taken (draw again) or the same e-mail enrolled concurrently (use theirs).
    const raced = await tx.findHumanByEmailHash('live', input.emailHash);
    if (raced) return raced;
  }
  throw new Error('Could not draw a free PoY code');
}

export async function enrollPublicly(
  deps: CoreContext,
  input: { projectId: string; email: string; displayName: string },
): Promise<PublicEnrollment> {
  return deps.store.transaction(async (tx) => {
    const human = await findOrCreateEnrollee(tx, deps, {
      emailHash: hashEmail(deps, input.email),
      displayName: input.displayName,
    });
    const session = await openVerificationSession(tx, deps, {
      projectId: input.projectId,
      mode: 'live',
      purpose: 'enrollment',
      connectUserId: null,
    });
    // The enrollee's identity exists before the phone flow: the passkey created there is bound to it.
    await tx.updateVerificationSession(session.id, { humanId: human.id });
    return {
      poyId: formatPoyId(human.poyCode),
      enrollmentUrl: enrollmentUrlOf(deps, session.id),
      expiresAt: session.expiresAt,
    };
  });
}

// The one place a verification attempt ends. It enforces uniqueness (one place per human per scope),
// updates the human's trust, the Connect user and the session, and writes the event, all inside the
// caller's transaction so that the state and its webhook commit together.
import type {
  ConnectUser,
  Human,
  HumanChecks,
  SessionOutcome,
  StoreOperations,
  TrustFactors,
  VerificationSession,
} from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { recordConnectEvent } from '../events/connect-events.ts';
import { recordPoyEvent } from '../events/poy-events.ts';
import { formatPoyId } from '../identity/poy-id.ts';
import { computeUniqueHumanId, uniquenessScopeOf } from '../identity/unique-human-id.ts';
import { trustLevelOf } from '../scoring/score-humanness.ts';
import { recordExpiryEvents } from './verification-sessions.ts';

export interface VerificationAssessment {
  score: number;
  ceiling: number;
  factors: TrustFactors;
  checks: HumanChecks;
  reasons: string[];
  modelVersion: string;
}

/** docs/api.md §6: trust.changed when the score moves by 10 or more, or its level changes. */
const TRUST_CHANGE_MIN_POINTS = 10;

export interface FinishVerificationInput {
  session: VerificationSession;
  /** The human the passkey step bound; required for `verified`. */
  human: Human | null;
  outcome: SessionOutcome;
  assessment: VerificationAssessment | null;
}

export interface FinishedVerification {
  outcome: SessionOutcome;
  user: ConnectUser | null;
  session: VerificationSession;
}

export async function finishVerification(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock' | 'secrets'>,
  input: FinishVerificationInput,
): Promise<FinishedVerification> {
  const now = deps.clock.now();
  const { session, human, assessment } = input;
  let outcome = input.outcome;
  const user = session.connectUserId
    ? await tx.findConnectUser(
        { projectId: session.projectId, mode: session.mode, userId: session.connectUserId },
        { forUpdate: true },
      )
    : null;

  let uniqueHumanId: string | null = null;
  if (outcome === 'verified') {
    if (!human || !assessment) throw new Error('A verified outcome needs the human and the assessment');
    if (user) {
      const scope = uniquenessScopeOf(user.uniquenessRegionId);
      uniqueHumanId = computeUniqueHumanId(deps.secrets, {
        humanId: human.id,
        projectId: session.projectId,
        mode: session.mode,
        scope,
      });
      const place = { projectId: session.projectId, mode: session.mode, scope, humanId: human.id };
      const inserted = await tx.insertScopeMembership({
        ...place,
        connectUserId: user.id,
        uniqueHumanId,
        createdAt: now,
      });
      if (!inserted) {
        // docs/api.md §9: a person who already completed verification in this scope under another
        // reference_user_id is a duplicate.
        const holder = await tx.findScopeMembership(place);
        if (holder?.connectUserId !== user.id) outcome = 'duplicate';
      }
    }
  }

  const userId = user?.referenceUserId ?? null;
  const eventScope = { projectId: session.projectId, mode: session.mode };
  if (outcome === 'verified' && human && assessment) {
    await tx.updateHuman(human.id, {
      status: 'verified',
      trustScore: assessment.score,
      trustCeiling: assessment.ceiling,
      factors: assessment.factors,
      checks: assessment.checks,
      successfulVerifications: human.successfulVerifications + 1,
      verifiedAt: human.verifiedAt ?? now,
      updatedAt: now,
    });
    const poyId = formatPoyId(human.poyCode);
    await recordPoyEvent(tx, deps.clock, {
      ...eventScope,
      event: 'user.verified',
      data: { userId, poyId, trustScore: assessment.score },
    });
    const previousLevel = human.status === 'verified' ? trustLevelOf(human.trustScore) : 'none';
    const level = trustLevelOf(assessment.score);
    if (Math.abs(assessment.score - human.trustScore) >= TRUST_CHANGE_MIN_POINTS || previousLevel !== level) {
      await recordPoyEvent(tx, deps.clock, {
        ...eventScope,
        event: 'trust.changed',
        data: {
          userId,
          poyId,
          previousTrustScore: human.trustScore,
          trustScore: assessment.score,
          previousLevel,
          level,
        },
      });
    }
  } else if (outcome === 'failed' || outcome === 'duplicate') {
    await recordPoyEvent(tx, deps.clock, {
      ...eventScope,
      event: 'user.failed',
      data: {
        userId,
        reason: outcome === 'duplicate' ? 'DUPLICATE_HUMAN' : 'FAILED_CHECKS',
        reasons: outcome === 'duplicate' ? ['DUPLICATE_HUMAN'] : (assessment?.reasons ?? []),
      },
    });
  }

  const finishedSession = await tx.updateVerificationSession(session.id, {
    status: outcome === 'expired' ? 'EXPIRED' : 'COMPLETED',
    outcome,
    completedAt: now,
    // The decision later moves completedAt; the timeline still shows when it was held.
    ...(outcome === 'review' ? { heldAt: now } : {}),
    ...(assessment ? { assessment } : {}),
    ...(human ? { humanId: human.id } : {}),
  });
  if (!user) return { outcome, user: null, session: finishedSession };

  let finishedUser: ConnectUser;
  switch (outcome) {
    case 'review':
      // Held: neither verified nor refused yet, so no event; the decision emits the usual ones.
      finishedUser = await tx.updateConnectUser(user.id, { status: 'IN_REVIEW', updatedAt: now });
      break;
    case 'verified':
      finishedUser = await tx.updateConnectUser(user.id, {
        status: 'VERIFIED',
        unfulfillableReason: null,
        humanId: human?.id ?? null,
        humannessScore: assessment?.score ?? null,
        uniqueHumanId,
        verifiedAt: now,
        updatedAt: now,
      });
      await recordConnectEvent(tx, deps.clock, { type: 'USER_VERIFICATION_COMPLETED', user: finishedUser });
      break;
    case 'expired':
      finishedUser = await tx.updateConnectUser(user.id, {
        status: 'EXPIRED',
        unfulfillableReason: 'EXPIRED',
        updatedAt: now,
      });
      await recordExpiryEvents(tx, deps, finishedUser);
      break;
    case 'failed':
    case 'duplicate': {
      const reason = outcome === 'duplicate' ? 'DUPLICATE_HUMAN' : 'FAILED_CHECKS';
      finishedUser = await tx.updateConnectUser(user.id, {
        status: 'UNFULFILLABLE',
        unfulfillableReason: reason,
        updatedAt: now,
      });
      await recordConnectEvent(tx, deps.clock, {
        type: 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
        user: finishedUser,
        reason,
      });
      break;
    }
  }
  return { outcome, user: finishedUser, session: finishedSession };
}

// What is kept about one verification, as a reviewer or a member reading its detail page sees it
// (docs/dashboard.md §6): the scores, the reasons, the device facts the passkey step recorded, the
// camera step's outcome, and network facts. Threats and answers:
// - Showing more than is kept: everything here is read from the session as stored; there are no
//   images (camera frames are never stored) and no IP addresses (only keyed digests are kept, and
//   cleared a day after the session ended).
// - Linking a person across tenants: the keyed digests are deployment-wide, so they are never shown;
//   a reviewer sees only how many of this project's own sessions (same mode) share them. The human a
//   held face resembled is named only when they are one of this project's users in this mode.
// - The sealed face template held on a session under review is never read here.
import type {
  HumanChecks,
  KeyMode,
  Project,
  StoreOperations,
  TrustFactors,
  VelocityDigestKind,
  VerificationSession,
} from '../../store/store.ts';
import { readLivenessEvidence } from './flow/liveness-evidence.ts';
import { passkeySignalsSchema } from './flow/passkey-step.ts';
import { heldReviewSchema, storedAssessmentSchema } from './review-decision.ts';
import { reportVerification } from './verification-report.ts';

export interface ScoreEvidence {
  score: number;
  ceiling: number;
  /** The project's trust threshold the score was held against. */
  threshold: number;
  factors: TrustFactors;
  checks: HumanChecks;
  modelVersion: string;
}

export interface DeviceEvidence {
  userVerified: boolean;
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
  credentialBackedUp: boolean;
  credentialDeviceType: 'singleDevice' | 'multiDevice';
  /** Signed in with an existing passkey rather than creating one. */
  returningCredential: boolean;
  /** Recorded only when the project required attestation at registration (docs/assurance.md §3). */
  attestation: { met: boolean; aaguid: string; fmt: string; trust: string } | null;
}

export interface CameraEvidence {
  status: 'passed' | 'failed' | 'skipped';
  attempts: number;
  reasons: string[];
  /** Degrees each issued move reached on the last attempt. */
  reachedDeg: number[];
}

/** How many other sessions of this project and mode share each start digest; null once cleared. */
export interface NetworkEvidence {
  sameAddress: number | null;
  sameNetwork: number | null;
  sameDevice: number | null;
}

export interface HoldEvidence {
  /** Null when held for velocity alone. */
  similarity: number | null;
  /** The resembled human's link in this project and mode, when they have one. */
  resemblesUser: { id: string; referenceUserId: string } | null;
  velocity: Array<{ limit: string; count: number; max: number }>;
}

export interface VerificationEvidence {
  reasons: string[];
  scores: ScoreEvidence | null;
  device: DeviceEvidence | null;
  camera: CameraEvidence | null;
  network: NetworkEvidence;
  /** Present while the verification is held. */
  hold: HoldEvidence | null;
}

async function countSharing(
  tx: StoreOperations,
  session: VerificationSession,
  digestKind: VelocityDigestKind,
  digestHex: string | null,
): Promise<number | null> {
  if (digestHex === null) return null;
  return tx.countProjectSessionsByDigest({
    projectId: session.projectId,
    mode: session.mode,
    digestKind,
    digestHex,
    excludeSessionId: session.id,
  });
}

async function describeHold(
  tx: StoreOperations,
  session: VerificationSession,
  scope: { projectId: string; mode: KeyMode },
): Promise<HoldEvidence | null> {
  if (session.outcome !== 'review') return null;
  const held = heldReviewSchema.safeParse(session.review);
  if (!held.success) return null;
  const { matchedHumanId, similarity, velocity } = held.data;
  const links = matchedHumanId === null ? [] : await tx.listConnectUsersByHuman(matchedHumanId);
  const own = links.find((link) => link.projectId === scope.projectId && link.mode === scope.mode);
  return {
    similarity,
    resemblesUser: own ? { id: own.id, referenceUserId: own.referenceUserId } : null,
    velocity,
  };
}

export async function describeVerificationEvidence(
  tx: StoreOperations,
  project: Project,
  session: VerificationSession,
): Promise<VerificationEvidence> {
  const assessment = storedAssessmentSchema.safeParse(session.assessment);
  const signals = passkeySignalsSchema.safeParse(session.passkeySignals);
  const liveness = readLivenessEvidence(session);
  return {
    reasons: reportVerification(session).reasons,
    scores: assessment.success
      ? {
          score: assessment.data.score,
          ceiling: assessment.data.ceiling,
          threshold: project.trustThreshold,
          factors: assessment.data.factors,
          checks: assessment.data.checks,
          modelVersion: assessment.data.modelVersion,
        }
      : null,
    device: signals.success
      ? {
          userVerified: signals.data.userVerified,
          authenticatorAttachment: signals.data.authenticatorAttachment,
          credentialBackedUp: signals.data.credentialBackedUp,
          credentialDeviceType: signals.data.credentialDeviceType,
          returningCredential: signals.data.returningCredential,
          attestation: signals.data.attestation
            ? {
                met: signals.data.attestation.met,
                aaguid: signals.data.attestation.aaguid,
                fmt: signals.data.attestation.fmt,
                trust: signals.data.attestation.trust,
              }
            : null,
        }
      : null,
    camera: liveness
      ? {
          status: liveness.status,
          attempts: liveness.attempts,
          reasons: liveness.reasons,
          reachedDeg: liveness.reachedDeg,
        }
      : null,
    network: {
      sameAddress: await countSharing(tx, session, 'ip', session.startIpHashHex),
      sameNetwork: await countSharing(tx, session, 'prefix', session.startPrefixHashHex),
      sameDevice: await countSharing(tx, session, 'device', session.startDeviceHashHex),
    },
    hold: await describeHold(tx, session, { projectId: project.id, mode: session.mode }),
  };
}

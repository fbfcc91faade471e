// Content stamps (docs/api.md §5; format in spec/stamps.md). A verified human of a project stamps a content
// hash; the deployment signs the statement with its `stamp` key. Threats and answers:
// - Someone stamping as a human they are not: only a project's user whose link is VERIFIED with a
//   verified human (in the key's mode) can stamp, checked in the same transaction that writes the stamp.
// - A stamp that outlives the trust in its creator: verification reports the signature (`valid`,
//   permanent) apart from the creator's CURRENT standing (`isHumanCreator`: revoked → false).
// - Sandbox stamps passing as real ones: live and test stamps are separate worlds (a key only sees its
//   own mode's stamps) and the mode is inside the signed bytes.
// Stamps are public proofs: any project's key may verify any stamp id of its mode. Stored: the stamp
// and its signature; title and url are kept as metadata but not signed (see spec/stamps.md).
import { randomBytes } from 'node:crypto';
import type { StampStatement } from '@poy/wire';
import type { KeyMode, Project, Stamp, Store, StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { recordPoyEvent } from '../events/poy-events.ts';
import { formatPoyId } from '../identity/poy-id.ts';
import type { SigningKeyRing } from '../signing/signing-key-ring.ts';
import { signStamp, verifyStampSignature } from './stamp-format.ts';

export interface StampDeps {
  store: Store;
  clock: Clock;
  keyRing: SigningKeyRing;
}

export interface CreateStampInput {
  project: Pick<Project, 'id'>;
  mode: KeyMode;
  /** The project's id for its user (a Connect user's reference_user_id). */
  userId: string;
  contentHash: string;
  contentType: string;
  title: string | null;
  url: string | null;
}

export type CreateStampResult = { ok: true; stamp: Stamp } | { ok: false; reason: 'creator_not_verified' };

function newStampId(): string {
  return `stmp_${randomBytes(6).toString('hex')}`;
}

export function statementOf(stamp: Stamp): StampStatement {
  return {
    stampId: stamp.id,
    mode: stamp.mode,
    contentHash: stamp.contentHash,
    contentType: stamp.contentType,
    createdBy: stamp.createdBy,
    createdAt: stamp.createdAt.toISOString(),
  };
}

/** The verified human behind a project's VERIFIED user right now, or null. */
async function currentVerifiedHuman(
  tx: StoreOperations,
  input: { projectId: string; mode: KeyMode; userId: string },
) {
  const human = await tx.findHumanOfVerifiedUser({
    projectId: input.projectId,
    mode: input.mode,
    referenceUserId: input.userId,
  });
  if (human?.status !== 'verified' || human.mode !== input.mode) return null;
  return human;
}

export async function createStamp(deps: StampDeps, input: CreateStampInput): Promise<CreateStampResult> {
  // Before the transaction: the first use of the purpose writes a key (PGlite serializes everything).
  const key = await deps.keyRing.signingKey('stamp');
  return deps.store.transaction(async (tx) => {
    const human = await currentVerifiedHuman(tx, {
      projectId: input.project.id,
      mode: input.mode,
      userId: input.userId,
    });
    if (!human) return { ok: false, reason: 'creator_not_verified' };
    const createdAt = deps.clock.now();
    const createdBy = formatPoyId(human.poyCode);
    // 48 random bits: collisions are rare but possible over millions of stamps. The id is part of the
    // signed bytes, so a taken one means a fresh id and a fresh signature; the insert itself says so,
    // sparing every stamp a look-up first.
    let stamp: Stamp | null = null;
    while (stamp === null) {
      const statement: StampStatement = {
        stampId: newStampId(),
        mode: input.mode,
        contentHash: input.contentHash,
        contentType: input.contentType,
        createdBy,
        createdAt: createdAt.toISOString(),
      };
      stamp = await tx.insertStampIfIdFree({
        id: statement.stampId,
        projectId: input.project.id,
        mode: input.mode,
        userId: input.userId,
        humanId: human.id,
        createdBy,
        contentHash: statement.contentHash,
        contentType: statement.contentType,
        title: input.title,
        url: input.url,
        kid: key.kid,
        signature: signStamp(statement, key.privateKey),
        createdAt,
      });
    }
    const { id: stampId } = stamp;
    await recordPoyEvent(tx, deps.clock, {
      projectId: input.project.id,
      mode: input.mode,
      event: 'stamp.created',
      data: {
        stampId,
        userId: input.userId,
        poyId: createdBy,
        contentHash: stamp.contentHash,
        contentType: stamp.contentType,
      },
    });
    return { ok: true, stamp };
  });
}

export interface StampVerification {
  stamp: Stamp;
  /** The signature verifies under the stamp's kid and, when a hash was given, it is the stamped one. */
  valid: boolean;
  signatureValid: boolean;
  contentHashMatches: boolean | null;
  /** The signature verifies and its creator is, today, the same verified human behind a VERIFIED user. */
  isHumanCreator: boolean;
}

/** Null for an unknown stamp id, or one of the other mode (live and test are separate worlds). */
export async function verifyStamp(
  deps: StampDeps,
  input: { mode: KeyMode; stampId: string; contentHash?: string },
): Promise<StampVerification | null> {
  const stamp = await deps.store.findStamp(input.stampId);
  if (!stamp || stamp.mode !== input.mode) return null;
  const key = await deps.keyRing.verificationKey(stamp.kid);
  // Only stamp keys verify stamps (a session key's signature must never pass as a stamp's).
  const signatureValid =
    key !== null &&
    key.purpose === 'stamp' &&
    verifyStampSignature(statementOf(stamp), stamp.signature, key.publicKey);
  const contentHashMatches = input.contentHash === undefined ? null : input.contentHash === stamp.contentHash;
  let isHumanCreator = false;
  if (signatureValid && stamp.humanId !== null) {
    const human = await currentVerifiedHuman(deps.store, {
      projectId: stamp.projectId,
      mode: stamp.mode,
      userId: stamp.userId,
    });
    // The same person must still stand behind the user: a re-registered user verified by someone else
    // does not inherit the stamps of the first.
    isHumanCreator = human !== null && human.id === stamp.humanId;
  }
  return {
    stamp,
    valid: signatureValid && contentHashMatches !== false,
    signatureValid,
    contentHashMatches,
    isHumanCreator,
  };
}

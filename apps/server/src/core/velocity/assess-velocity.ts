// Velocity limits (docs/assurance.md §5). Threat answered: one operator minting many identities (a
// farm of phones, or one phone wiped between runs, behind one connection) to hold many places where
// each person should hold one. Each identity may pass every other check; what gives the farm away is
// the rate at which new people appear from one address, one network or one device. Counts are
// deployment-wide within the mode (a farm does not stay in one project) and never mix live and test.
//
// What it cannot do: a device id lives in a cookie the person can clear, and addresses can be
// rotated (mobile networks, proxies). The limits raise the cost of a farm; they do not stop one
// that rotates both, which is why exceeding one leads to review by default rather than failure.
import type { StoreOperations, VelocityDigestKind, VerificationSession } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import type { VelocityLimitName, VelocityLimits } from './velocity-limits.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The longest window: digests of sessions that ended before it count for nothing any more. */
export const VELOCITY_RETENTION_MS = DAY_MS;

interface VelocityCheck {
  limit: VelocityLimitName;
  digestKind: VelocityDigestKind;
  event: 'started' | 'created_human';
  windowMs: number;
}

const VELOCITY_CHECKS: readonly VelocityCheck[] = [
  { limit: 'newHumansPerIpPerHour', digestKind: 'ip', event: 'created_human', windowMs: HOUR_MS },
  { limit: 'newHumansPerPrefixPerHour', digestKind: 'prefix', event: 'created_human', windowMs: HOUR_MS },
  { limit: 'newHumansPerDevicePerDay', digestKind: 'device', event: 'created_human', windowMs: DAY_MS },
  { limit: 'startsPerIpPerHour', digestKind: 'ip', event: 'started', windowMs: HOUR_MS },
  { limit: 'startsPerDevicePerHour', digestKind: 'device', event: 'started', windowMs: HOUR_MS },
];

export interface VelocityExceeded {
  limit: VelocityLimitName;
  /** The sessions in the window with this one included: what this session would make it. */
  count: number;
  max: number;
}

export interface VelocityAssessment {
  exceeded: VelocityExceeded[];
}

function digestOf(session: VerificationSession, kind: VelocityDigestKind): string | null {
  if (kind === 'ip') return session.startIpHashHex;
  if (kind === 'prefix') return session.startPrefixHashHex;
  return session.startDeviceHashHex;
}

/**
 * Meant for `complete`, before the session is marked `createdHuman`: would this session, as one more
 * new human (and as the start it was), go over a limit? The session itself is never counted from the
 * store, so assessing it again after it was marked gives the same answer. A session without a digest
 * (started before digests were kept) is not checked on that digest.
 */
export async function assessVelocity(
  tx: StoreOperations,
  deps: Pick<CoreContext, 'clock'>,
  session: VerificationSession,
  limits: VelocityLimits,
): Promise<VelocityAssessment> {
  const now = deps.clock.now();
  const exceeded: VelocityExceeded[] = [];
  for (const check of VELOCITY_CHECKS) {
    const digestHex = digestOf(session, check.digestKind);
    if (digestHex === null) continue;
    const others = await tx.countVelocitySessions({
      mode: session.mode,
      digestKind: check.digestKind,
      digestHex,
      event: check.event,
      since: new Date(now.getTime() - check.windowMs),
      until: now,
      excludeSessionId: session.id,
    });
    const count = others + 1;
    const max = limits[check.limit];
    if (count > max) exceeded.push({ limit: check.limit, count, max });
  }
  return { exceeded };
}

/** Maintenance: forgets the digests no window can count any more (docs/assurance.md §5, retention). */
export async function clearStaleVelocityDigests(deps: Pick<CoreContext, 'store' | 'clock'>): Promise<number> {
  return deps.store.clearStaleVelocityDigests(new Date(deps.clock.now().getTime() - VELOCITY_RETENTION_MS));
}

// The right to erasure for a PoY identity. The person's personal data (e-mail hash, display name,
// passkeys) goes with the human row; businesses that had verified them learn it through
// USER_VERIFICATION_REVOKED, and their links stop counting as human. Stamps stay (they are the
// business's records) but no longer point to a human, so isHumanCreator turns false. The face template
// (a biometric) is deleted with them, under the face-search lock so no search in flight re-loads it.
import type { ConnectUser } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { recordConnectEvent } from '../events/connect-events.ts';
import { parsePoyId } from '../identity/poy-id.ts';

export type EraseHumanResult = { ok: true; revokedLinks: ConnectUser[] } | { ok: false; reason: 'not_found' };

export async function eraseHuman(
  deps: Pick<CoreContext, 'store' | 'clock'>,
  input: { poyId: string },
): Promise<EraseHumanResult> {
  const poyCode = parsePoyId(input.poyId);
  if (!poyCode) return { ok: false, reason: 'not_found' };
  return deps.store.transaction(async (tx) => {
    const human = await tx.findHumanByPoyCode(poyCode);
    if (!human) return { ok: false, reason: 'not_found' };
    const now = deps.clock.now();
    const revokedLinks: ConnectUser[] = [];
    for (const user of await tx.listConnectUsersByHuman(human.id)) {
      const revoked = await tx.updateConnectUser(user.id, {
        status: user.status === 'VERIFIED' ? 'REVOKED' : user.status,
        humanId: null,
        humannessScore: null,
        uniqueHumanId: null,
        updatedAt: now,
      });
      if (user.status === 'VERIFIED') {
        await recordConnectEvent(tx, deps.clock, { type: 'USER_VERIFICATION_REVOKED', user: revoked });
        revokedLinks.push(revoked);
      }
    }
    // Explicit, though the foreign key cascades too: erasure must not depend on a schema detail.
    await tx.lockFaceSearch(human.mode);
    await tx.deleteFaceTemplate(human.id);
    await tx.deleteHuman(human.id);
    return { ok: true, revokedLinks };
  });
}

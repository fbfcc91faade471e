// A new PoY identity starts out pending: it is verified only when a verification finishes with it.
import type { Human, StoreOperations, VerificationSession } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { generatePoyCode } from '../../identity/poy-id.ts';

/** Inserts the human with a random PoY code, drawing again on the rare clash with an existing one. */
export async function insertHumanWithFreshCode(
  tx: StoreOperations,
  deps: CoreContext,
  input: { id: string; mode: VerificationSession['mode'] },
): Promise<Human> {
  const now = deps.clock.now();
  for (let attempt = 0; attempt < 8; attempt++) {
    const human = await tx.insertHuman({
      id: input.id,
      mode: input.mode,
      poyCode: generatePoyCode(),
      status: 'pending',
      trustScore: 0,
      trustCeiling: 0,
      successfulVerifications: 0,
      createdAt: now,
      updatedAt: now,
    });
    if (human) return human;
  }
  throw new Error('Could not draw a free PoY code');
}

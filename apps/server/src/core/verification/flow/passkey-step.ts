// What both passkey ceremonies of the phone flow share. Threats and answers:
// - A WebAuthn response replayed, or signed for another invite: the challenge is single-use
//   (core/webauthn/challenges.ts) and must have been issued for this very session.
// - Someone else continuing a flow a person started: the step ends by binding the session to this
//   browser with a flow token, stored only as a hash, without which no later step runs.
import { z } from 'zod';
import type { Human, StoreOperations, VerificationSession } from '../../../store/store.ts';
import type { AttestationSignal } from '../../assurance/attestation.ts';
import type { CoreContext } from '../../context.ts';
import { formatPoyId } from '../../identity/poy-id.ts';
import { randomBase62 } from '../../ids.ts';
import { hashToken } from '../../token-digest.ts';
import {
  consumeWebauthnChallenge,
  issueWebauthnChallenge,
  type WebauthnChallengePurpose,
} from '../../webauthn/challenges.ts';
import { hasFaceTemplate } from './face-decision.ts';
import { type FlowResult, succeed } from './flow-result.ts';
import { type FlowStep, stepAfterPasskey } from './flow-steps.ts';

/** How long the browser lets the person answer the passkey prompt. */
export const FLOW_WEBAUTHN_TIMEOUT_MS = 120_000;

/** What the passkey showed, kept on the session until completion scores it. */
export const passkeySignalsSchema = z.object({
  userVerified: z.boolean(),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullable(),
  credentialBackedUp: z.boolean(),
  credentialDeviceType: z.enum(['singleDevice', 'multiDevice']),
  returningCredential: z.boolean(),
  /**
   * Only when the project required attestation at registration (docs/assurance.md §3); null otherwise,
   * and for sessions recorded before it existed.
   */
  attestation: z
    .object({
      required: z.literal(true),
      met: z.boolean(),
      aaguid: z.string(),
      fmt: z.string(),
      trust: z.enum(['none', 'self', 'certificate', 'vendor_root']),
    })
    .nullable()
    .default(null),
});
type PasskeySignals = z.infer<typeof passkeySignalsSchema>;

const flowChallengePayload = z.object({ sessionId: z.string(), humanId: z.string().optional() });
type FlowChallengePayload = z.infer<typeof flowChallengePayload>;

type FlowChallengePurpose = Extract<WebauthnChallengePurpose, 'flow_registration' | 'flow_authentication'>;

export interface PasskeyStepResult {
  flowToken: string;
  poyId: string;
  next: Exclude<FlowStep, 'passkey'>;
}

export async function issueFlowChallenge(
  deps: CoreContext,
  purpose: FlowChallengePurpose,
  challenge: string,
  session: VerificationSession,
  payload: FlowChallengePayload,
): Promise<void> {
  await issueWebauthnChallenge(deps, { purpose, challenge, projectId: session.projectId, payload });
}

/** Consumes the challenge the browser signed, if it is the one issued for this session. */
export async function consumeFlowChallenge(
  tx: StoreOperations,
  deps: CoreContext,
  purpose: FlowChallengePurpose,
  clientDataJSON: string,
  sessionId: string,
): Promise<{ challenge: string; humanId: string | undefined } | null> {
  const consumed = await consumeWebauthnChallenge(
    { store: tx, clock: deps.clock },
    { purpose, clientDataJSON },
  );
  const payload = flowChallengePayload.safeParse(consumed?.payload);
  if (!consumed || !payload.success || payload.data.sessionId !== sessionId) return null;
  return { challenge: consumed.challenge, humanId: payload.data.humanId };
}

/**
 * Ends either passkey ceremony the same way: the session now belongs to this human, keeps what the
 * passkey showed (for scoring at completion), and is bound to this browser by a flow token, stored
 * only as a hash.
 */
export async function bindPasskeyStep(
  tx: StoreOperations,
  session: VerificationSession,
  human: Human,
  observed: {
    info: {
      userVerified: boolean;
      credentialBackedUp: boolean;
      credentialDeviceType: 'singleDevice' | 'multiDevice';
    };
    attachment: 'platform' | 'cross-platform' | undefined;
    returningCredential: boolean;
    /** The attestation check of a registration; absent for a sign-in. */
    attestation?: AttestationSignal | null;
    /** When the ceremony was verified (the dashboard's timeline shows it). */
    doneAt: Date;
  },
): Promise<FlowResult<PasskeyStepResult>> {
  const signals: PasskeySignals = {
    userVerified: observed.info.userVerified,
    authenticatorAttachment: observed.attachment ?? null,
    credentialBackedUp: observed.info.credentialBackedUp,
    credentialDeviceType: observed.info.credentialDeviceType,
    returningCredential: observed.returningCredential,
    attestation: observed.attestation ?? null,
  };
  const flowToken = `flow_${randomBase62(32)}`;
  await tx.updateVerificationSession(session.id, {
    humanId: human.id,
    flowTokenHashHex: hashToken(flowToken),
    passkeySignals: signals,
    passkeyDoneAt: observed.doneAt,
  });
  const next = stepAfterPasskey({
    humanStatus: human.status,
    returningCredential: observed.returningCredential,
    hasFaceTemplate: await hasFaceTemplate(tx, human),
  });
  return succeed({ flowToken, poyId: formatPoyId(human.poyCode), next });
}

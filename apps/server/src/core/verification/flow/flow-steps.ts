// The phone flow behind an invite (docs/flow-api.md), one file per step in this folder. Threats and answers:
// - A stolen or guessed invite URL: codes carry 128 bits; a session completes at most once and expires.
// - A replayed WebAuthn response: every challenge is single-use (consumed atomically) and expires in
//   minutes; the response's challenge must be the one issued for this very session.
// - Someone else finishing a flow a person started: the passkey step returns a flow token, stored only
//   as a hash and compared in constant time, without which the flow cannot continue.
// - A script, an emulated authenticator, or one person with many passkeys: the camera step
//   (liveness-submission.ts) is verified by the server on the frames it receives, and the face is
//   searched 1:N at completion (face-decision.ts), so a new passkey on a known face is the same human.
// Stored: the passkey's public key and counters, hashed user agents, the assessment and, after a
// passed camera step, a sealed face template. Never an image.
import type { HumanStatus } from '../../../store/store.ts';

/**
 * The steps in order: start-flow.ts, passkey-registration.ts or passkey-sign-in.ts, the camera step
 * (liveness-challenge.ts, liveness-submission.ts, or liveness-skip.ts), complete-flow.ts. A new step
 * between the passkey and completion gets its own file, a place in this list and in `stepsToDo`, and its
 * "done" check in complete-flow.ts. The drag exercise (interaction-challenge.ts) is optional and no step.
 */
export const FLOW_STEPS = ['passkey', 'liveness', 'complete'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

/** The steps between the passkey and completion, which a person may have to do. */
export type ProofStep = Exclude<FlowStep, 'passkey' | 'complete'>;

export interface PasskeyStepDone {
  humanStatus: HumanStatus;
  /** True when the person signed in with an existing passkey rather than creating one. */
  returningCredential: boolean;
  /** The human has a face template: they passed the camera step and the uniqueness search before. */
  hasFaceTemplate: boolean;
}

/**
 * What is left to do once the passkey step is done. docs/api.md §9: a verified person signing in with
 * their passkey joins a new scope without repeating the check, if the face check is already theirs.
 */
export function stepsToDo(passkey: PasskeyStepDone): ProofStep[] {
  const joiningAsVerified =
    passkey.humanStatus === 'verified' && passkey.returningCredential && passkey.hasFaceTemplate;
  return joiningAsVerified ? [] : ['liveness'];
}

/** Where the phone goes after the passkey step. */
export function stepAfterPasskey(passkey: PasskeyStepDone): Exclude<FlowStep, 'passkey'> {
  return stepsToDo(passkey)[0] ?? 'complete';
}

// The phone flow behind an invite (docs/flow-api.md), one file per step in this folder. Threats and answers:
// - A stolen or guessed invite URL: codes carry 128 bits; a session completes at most once and expires.
// - A replayed WebAuthn response: every challenge is single-use (consumed atomically) and expires in
//   minutes; the response's challenge must be the one issued for this very session.
// - Someone else finishing a flow a person started: the passkey step returns a flow token, stored only
//   as a hash and compared in constant time, without which the flow cannot continue.
// - Scripts posting a canned trace: the challenge rounds are random per attempt and single-use, and the
//   trace must match the issued positions; the behavioural model scores the movement itself.
// Stored: the passkey's public key and counters, hashed user agents, and the assessment. No images.
import type { HumanStatus } from '../../../store/store.ts';

/**
 * The steps in order: start-flow.ts, passkey-registration.ts or passkey-sign-in.ts,
 * interaction-challenge.ts, complete-flow.ts. A new step between the passkey and completion gets its
 * own file, a place in this list and in `stepsToDo`, and its "done" check in complete-flow.ts.
 */
export const FLOW_STEPS = ['passkey', 'challenge', 'complete'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

/** The steps between the passkey and completion, which a person may have to do. */
export type ProofStep = Exclude<FlowStep, 'passkey' | 'complete'>;

export interface PasskeyStepDone {
  humanStatus: HumanStatus;
  /** True when the person signed in with an existing passkey rather than creating one. */
  returningCredential: boolean;
}

/**
 * What is left to do once the passkey step is done. docs/api.md §9: a verified person signing in with
 * their passkey joins a new scope without repeating the check.
 */
export function stepsToDo(passkey: PasskeyStepDone): ProofStep[] {
  const joiningAsVerified = passkey.humanStatus === 'verified' && passkey.returningCredential;
  return joiningAsVerified ? [] : ['challenge'];
}

/** Where the phone goes after the passkey step. */
export function stepAfterPasskey(passkey: PasskeyStepDone): Exclude<FlowStep, 'passkey'> {
  return stepsToDo(passkey)[0] ?? 'complete';
}

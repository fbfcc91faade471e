// What every step of the phone flow answers: its value, or one of these failures, which
// http/routes/flow.ts turns into the public error.

export type FlowFailure =
  | 'invite_not_found'
  | 'invite_expired'
  | 'invite_finished'
  | 'flow_token_invalid'
  | 'challenge_invalid'
  | 'trace_mismatch'
  | 'passkey_invalid'
  | 'passkey_unknown'
  | 'sandbox_only'
  | 'identity_has_passkey'
  | 'invite_in_use'
  | 'flow_not_started'
  | 'liveness_not_done'
  | 'liveness_attempts_exhausted'
  | 'frames_invalid'
  | 'face_analysis_unavailable';

export type FlowResult<T> = { ok: true; value: T } | { ok: false; reason: FlowFailure };

export const fail = <T>(reason: FlowFailure): FlowResult<T> => ({ ok: false, reason });
export const succeed = <T>(value: T): FlowResult<T> => ({ ok: true, value });

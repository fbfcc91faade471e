// The sandbox routes of both surfaces refuse the same things with the same words (docs/api.md §1);
// each surface's error handler renders them in its own format.
import type { SandboxUserSettled } from '../core/verification/flow/sandbox-outcome.ts';
import { ApiError } from './error-registry.ts';

export function sandboxOnlyError(): ApiError {
  return new ApiError('forbidden', 'The sandbox is only available with test keys (poy_test_…).');
}

/** 409 user_already_settled, naming the step that lets the next outcome through. */
export function userSettledError(refusal: SandboxUserSettled): ApiError {
  return new ApiError(
    'user_already_settled',
    refusal.status === 'VERIFIED'
      ? 'This user is already VERIFIED; the sandbox does not overwrite a settled result. Revoke the user (POST /v1/business_connect_user/revoke) to force another outcome.'
      : "This user's verification is held for review (IN_REVIEW); decide it (POST /api/poy/reviews/{verificationId}) before forcing another outcome.",
  );
}

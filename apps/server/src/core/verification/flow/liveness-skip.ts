// The honest path for a person who cannot or will not use the camera (docs/assurance.md §1): the
// verification continues at the level they can reach, and they are told whether the business accepts it.
import type { ReachedAssuranceLevel } from '../../../store/store.ts';
import { meetsAssurance, resolveAssurancePolicy } from '../../assurance/policy.ts';
import type { CoreContext } from '../../context.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, isFlowTokenValid, withPendingSession } from './flow-session.ts';
import { type LivenessEvidence, type LivenessSkipReason, readLivenessEvidence } from './liveness-evidence.ts';

const SKIP_REASON_CODES: Record<LivenessSkipReason, string> = {
  declined: 'CAMERA_DECLINED',
  no_camera: 'NO_CAMERA',
  cannot_move: 'CANNOT_MOVE_HEAD',
};

export interface SkippedLiveness {
  next: 'complete';
  assuranceLevel: ReachedAssuranceLevel;
  policyMet: boolean;
}

export async function skipLiveness(
  deps: CoreContext,
  invite: FlowInvite,
  input: { flowToken: string; reason: LivenessSkipReason },
): Promise<FlowResult<SkippedLiveness>> {
  return withPendingSession(deps, invite, async (tx, session) => {
    if (!isFlowTokenValid(session, input.flowToken)) return fail('flow_token_invalid');
    const previous = readLivenessEvidence(session);
    if (previous?.status === 'passed') return fail('invite_finished');
    const evidence: LivenessEvidence = {
      status: 'skipped',
      attempts: previous?.attempts ?? 0,
      reasons: [SKIP_REASON_CODES[input.reason]],
      skipReason: input.reason,
      reachedDeg: [],
      templateSealed: null,
      modelVersion: null,
    };
    await tx.updateVerificationSession(session.id, { liveness: evidence, cameraDoneAt: deps.clock.now() });
    const project = await tx.findProjectById(session.projectId);
    const policyMet =
      project !== null && meetsAssurance('passkey', resolveAssurancePolicy(project).requiredLevel);
    return succeed({ next: 'complete', assuranceLevel: 'passkey', policyMet });
  });
}

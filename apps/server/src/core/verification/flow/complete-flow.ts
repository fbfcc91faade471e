// The last step: the steps to do must have been done by the browser holding the flow token; then the
// face decides who this is (face-decision.ts), the attempt is scored, the project's policy decides
// (docs/assurance.md §2), and the verification is finished (uniqueness, trust, event) in one transaction.
import type { KeyMode, ReachedAssuranceLevel } from '../../../store/store.ts';
import { meetsAssurance, resolveAssurancePolicy } from '../../assurance/policy.ts';
import type { CoreContext } from '../../context.ts';
import { coreMetricsOf } from '../../metrics/core-metrics.ts';
import { observeAutomation } from '../../scoring/automation-tells.ts';
import {
  type CameraLiveness,
  type ChallengeTrace,
  reachesThreshold,
  scoreHumanness,
} from '../../scoring/score-humanness.ts';
import { assessVelocity } from '../../velocity/assess-velocity.ts';
import { finishVerification } from '../finish-verification.ts';
import { decideFace, type FaceDecision, hasFaceTemplate, keepFaceTemplate } from './face-decision.ts';
import { type FlowOutcome, toFlowOutcome, toVerificationAssessment } from './flow-outcome.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, hashUserAgent, isFlowTokenValid, withPendingSession } from './flow-session.ts';
import { stepsToDo } from './flow-steps.ts';
import { checkInteractionAnswer } from './interaction-challenge.ts';
import {
  type LivenessEvidence,
  MAX_LIVENESS_ATTEMPTS,
  openSessionTemplate,
  readLivenessEvidence,
} from './liveness-evidence.ts';
import { passkeySignalsSchema } from './passkey-step.ts';

export interface CompleteFlowInput {
  flowToken: string;
  /** The optional drag exercise, when the page offered it. */
  challengeId: string | null;
  trace: ChallengeTrace | null;
  /** From the request's own headers, never from its body. */
  userAgent: string | null;
}

function cameraLivenessOf(evidence: LivenessEvidence | null): CameraLiveness {
  if (!evidence) return { status: 'not_attempted', reasons: [] };
  return { status: evidence.status, reasons: evidence.reasons };
}

/** The level the evidence reached (docs/assurance.md §1). */
function reachedLevelOf(input: {
  userVerified: boolean;
  cameraPassed: boolean;
  face: FaceDecision;
}): ReachedAssuranceLevel {
  if (input.cameraPassed && (input.face.kind === 'new' || input.face.kind === 'same')) return 'unique';
  if (input.cameraPassed) return 'liveness';
  return input.userVerified ? 'passkey' : 'none';
}

export async function completeFlow(
  deps: CoreContext,
  invite: FlowInvite,
  input: CompleteFlowInput,
): Promise<FlowResult<FlowOutcome>> {
  let mode: KeyMode = 'test';
  const result = await withPendingSession<FlowOutcome>(deps, invite, async (tx, session) => {
    mode = session.mode;
    if (!isFlowTokenValid(session, input.flowToken) || !session.humanId) return fail('flow_token_invalid');
    const boundHuman = await tx.findHumanById(session.humanId);
    const signals = passkeySignalsSchema.safeParse(session.passkeySignals);
    const project = await tx.findProjectById(session.projectId);
    if (!boundHuman || !signals.success || !project) return fail('flow_token_invalid');

    const alreadyUnique = await hasFaceTemplate(tx, boundHuman);
    const toDo = stepsToDo({
      humanStatus: boundHuman.status,
      returningCredential: signals.data.returningCredential,
      hasFaceTemplate: alreadyUnique,
    });
    if (input.challengeId !== null) {
      const failure = await checkInteractionAnswer(tx, deps, session, {
        challengeId: input.challengeId,
        trace: input.trace,
      });
      if (failure) return fail(failure);
    }
    const evidence = readLivenessEvidence(session);
    const cameraDue = toDo.includes('liveness');
    const cameraOpen =
      evidence === null || (evidence.status === 'failed' && evidence.attempts < MAX_LIVENESS_ATTEMPTS);
    if (cameraDue && cameraOpen) return fail('liveness_not_done');

    // Who is this face? Only a camera step passed in this session has a template to search with.
    let face: FaceDecision = { kind: 'unchecked' };
    let template: Float32Array | null = null;
    if (cameraDue && evidence?.status === 'passed' && evidence.templateSealed && evidence.modelVersion) {
      template = openSessionTemplate(deps, session.id, evidence.templateSealed);
      face = await decideFace(tx, deps, {
        session,
        human: boundHuman,
        template,
        modelVersion: evidence.modelVersion,
        madeInThisFlow: !signals.data.returningCredential,
      });
    }
    const human = face.kind === 'same' ? face.human : boundHuman;
    // A verified person joining a new scope shows the evidence of their own earlier camera check.
    const camera: CameraLiveness = cameraDue ? cameraLivenessOf(evidence) : { status: 'passed', reasons: [] };
    const uniquenessChecked = cameraDue ? face.kind === 'new' || face.kind === 'same' : alreadyUnique;

    const now = deps.clock.now();
    const assessment = scoreHumanness({
      ...signals.data,
      camera,
      faceUniquenessChecked: uniquenessChecked,
      // Both sides are keyed hashes of the user agent: equal exactly when the strings are.
      userAgentAtStart: session.userAgentHashHex,
      userAgentAtFinish: input.userAgent === null ? null : hashUserAgent(deps, input.userAgent),
      automationObserved: observeAutomation({ userAgent: input.userAgent }),
      trace: input.challengeId === null ? null : input.trace,
      priorBehavioralFactor: cameraDue ? null : (human.factors?.behavioral ?? null),
      emailVerified: false,
      phoneVerified: false,
      history: {
        accountAgeDays: (now.getTime() - human.createdAt.getTime()) / 86_400_000,
        successfulVerifications: human.successfulVerifications,
      },
    });

    const policy = resolveAssurancePolicy(project);
    const reached: ReachedAssuranceLevel = cameraDue
      ? reachedLevelOf({
          userVerified: signals.data.userVerified,
          cameraPassed: camera.status === 'passed',
          face,
        })
      : alreadyUnique
        ? 'unique'
        : 'passkey';
    const policyReasons: string[] = [];
    if (face.kind === 'review') policyReasons.push('FACE_REVIEW');
    // docs/assurance.md §5: limits on new humans count only when this verification would make one.
    const creatingHuman = face.kind === 'new' && !signals.data.returningCredential;
    const velocity = await assessVelocity(tx, deps, session, policy.velocityLimits);
    const velocityHits = velocity.exceeded.filter(
      (hit) => creatingHuman || !hit.limit.startsWith('newHumans'),
    );
    if (velocityHits.length > 0) policyReasons.push('VELOCITY');
    // docs/assurance.md §3: a passkey registered here must carry an allowed attestation when required.
    const attestation = signals.data.attestation;
    const attestationMissing =
      policy.attestationRequired && !signals.data.returningCredential && attestation?.met !== true;
    if (attestationMissing) policyReasons.push('ATTESTATION_REQUIRED');
    if (!meetsAssurance(reached, policy.requiredLevel) && face.kind !== 'review') {
      policyReasons.push('ASSURANCE_BELOW_POLICY');
    }
    const passes = reachesThreshold(assessment, project.trustThreshold) && policyReasons.length === 0;
    // Held rather than refused: a grey-zone face, or a velocity limit the project reviews, and nothing else wrong.
    const holdable = new Set([
      'FACE_REVIEW',
      ...(policy.velocityLimits.velocityAction === 'review' ? ['VELOCITY'] : []),
    ]);
    const held =
      policyReasons.length > 0 &&
      policyReasons.every((reason) => holdable.has(reason)) &&
      reachesThreshold(assessment, project.trustThreshold);
    const outcome = passes ? 'verified' : held ? 'review' : 'failed';

    if (outcome === 'verified' && template && evidence?.modelVersion) {
      await keepFaceTemplate(tx, deps, { decision: face, template, modelVersion: evidence.modelVersion });
    }
    // The template leaves the session now, unless a reviewer still needs it.
    if (evidence?.templateSealed && outcome !== 'review') {
      await tx.updateVerificationSession(session.id, { liveness: { ...evidence, templateSealed: null } });
    }
    await tx.updateVerificationSession(session.id, {
      assuranceLevel: reached,
      createdHuman: outcome === 'verified' && face.kind === 'new' && !signals.data.returningCredential,
      // What the reviewer decides on (docs/assurance.md §4): the face it resembled, the limits it went
      // over. A hold for velocity alone has no face, and must be decidable all the same.
      ...(outcome === 'review'
        ? {
            review: {
              matchedHumanId: face.kind === 'review' ? face.matchedHumanId : null,
              similarity: face.kind === 'review' ? Math.round(face.similarity * 1000) / 1000 : null,
              velocity: velocityHits,
            },
          }
        : {}),
    });
    const reasons = [...assessment.reasons, ...policyReasons];
    const finished = await finishVerification(tx, deps, {
      session: { ...session, humanId: human.id },
      human,
      outcome,
      assessment: { ...toVerificationAssessment(assessment), reasons },
    });
    const finalReasons = finished.outcome === 'duplicate' ? ['DUPLICATE_HUMAN', ...reasons] : reasons;
    return succeed({
      ...toFlowOutcome(finished.session, finished.outcome, finalReasons),
      assuranceLevel: reached,
    });
  });
  // Counted once committed: a rolled-back attempt did not end.
  if (result.ok) coreMetricsOf(deps).countVerification(result.value.outcome, { mode, sandbox: false });
  return result;
}

// Signals for the humanness model's unit tests: a clean first-time verification (a passed camera check,
// a unique face, a platform passkey with user verification, the same browser throughout, a hand's trace)
// that each test varies, and the same verification without the camera (a passkey alone).
import type { HumannessAssessment, HumannessSignals } from '../../src/core/scoring/score-humanness.ts';
import { linearStepsDrag, synthesizeHumanTrace, synthesizeTrace } from './synthetic-traces.ts';

export const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
export const HUMAN_TRACE = synthesizeHumanTrace(101);
export const SCRIPTED_TRACE = synthesizeTrace(102, [linearStepsDrag(), linearStepsDrag(), linearStepsDrag()]);

/**
 * A clean first-time verification: a camera check the server passed, a face that matched no one else,
 * a platform passkey with UV, the same browser throughout, a hand's trace.
 */
export function signalsWith(overrides: Partial<HumannessSignals> = {}): HumannessSignals {
  return {
    camera: { status: 'passed', reasons: [] },
    faceUniquenessChecked: true,
    userVerified: true,
    authenticatorAttachment: 'platform',
    credentialBackedUp: true,
    credentialDeviceType: 'multiDevice',
    returningCredential: false,
    userAgentAtStart: IPHONE_SAFARI,
    userAgentAtFinish: IPHONE_SAFARI,
    automationObserved: false,
    trace: structuredClone(HUMAN_TRACE),
    emailVerified: false,
    phoneVerified: false,
    history: { accountAgeDays: 0, successfulVerifications: 0 },
    ...overrides,
  };
}

/** The camera-free path: the clean verification with no camera check and so no uniqueness search. */
export function passkeyOnlySignalsWith(overrides: Partial<HumannessSignals> = {}): HumannessSignals {
  return signalsWith({
    camera: { status: 'not_attempted', reasons: [] },
    faceUniquenessChecked: false,
    ...overrides,
  });
}

export function describeAssessment(assessment: HumannessAssessment): string {
  return JSON.stringify(assessment);
}

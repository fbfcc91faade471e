// Verification records as the store returns them, for unit tests of code that only reads them (the
// timeline, the dashboard's pages). Route and store tests make real ones through the API and flow.
import type { VerificationEvidence } from '../../src/core/verification/verification-evidence.ts';
import type { VerificationSession } from '../../src/store/store.ts';

export const RECORD_TIME = new Date('2030-01-01T10:00:00.000Z');

export function recordTime(seconds: number): Date {
  return new Date(RECORD_TIME.getTime() + seconds * 1000);
}

export function sessionRecord(overrides: Partial<VerificationSession> = {}): VerificationSession {
  return {
    id: 'vs_record1',
    projectId: 'proj_record',
    mode: 'test',
    purpose: 'connect',
    connectUserId: 'bcu_record1',
    status: 'PENDING',
    outcome: null,
    humanId: null,
    flowTokenHashHex: null,
    passkeySignals: null,
    userAgentHashHex: null,
    deviceSecretHashHex: null,
    startedAt: null,
    assessment: null,
    liveness: null,
    assuranceLevel: null,
    review: null,
    startIpHashHex: null,
    startPrefixHashHex: null,
    startDeviceHashHex: null,
    createdHuman: false,
    passkeyDoneAt: null,
    cameraDoneAt: null,
    heldAt: null,
    expiresAt: recordTime(3600),
    completedAt: null,
    createdAt: RECORD_TIME,
    ...overrides,
  };
}

/** What the passkey step stores (core/verification/flow/passkey-step.ts). */
export const PASSKEY_SIGNALS_RECORD = {
  userVerified: true,
  authenticatorAttachment: 'platform',
  credentialBackedUp: false,
  credentialDeviceType: 'singleDevice',
  returningCredential: false,
  attestation: null,
};

/** A camera step skipped with "declined" (core/verification/flow/liveness-evidence.ts). */
export const SKIPPED_CAMERA_RECORD = {
  status: 'skipped',
  attempts: 0,
  reasons: ['CAMERA_DECLINED'],
  skipReason: 'declined',
  reachedDeg: [],
  templateSealed: null,
  modelVersion: null,
};

export function evidenceRecord(overrides: Partial<VerificationEvidence> = {}): VerificationEvidence {
  return {
    reasons: [],
    scores: {
      score: 62,
      ceiling: 100,
      threshold: 50,
      factors: { liveness: 0, device: 90, behavioral: 100, credential: 70 },
      checks: { liveness: 'fail', device: 'pass', behavioral: 'pass' },
      modelVersion: 'humanness-v3',
    },
    device: {
      userVerified: true,
      authenticatorAttachment: 'platform',
      credentialBackedUp: false,
      credentialDeviceType: 'singleDevice',
      returningCredential: false,
      attestation: null,
    },
    camera: { status: 'skipped', attempts: 0, reasons: ['CAMERA_DECLINED'], reachedDeg: [] },
    network: { sameAddress: 2, sameNetwork: null, sameDevice: 0 },
    hold: null,
    ...overrides,
  };
}

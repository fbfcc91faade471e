import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PASSKEY_SIGNALS_RECORD,
  RECORD_TIME,
  recordTime,
  SKIPPED_CAMERA_RECORD,
  sessionRecord,
} from '../../../test/support/verification-records.ts';
import { verificationStateOf } from './verification-state.ts';
import { buildVerificationTimeline } from './verification-timeline.ts';

const T0 = RECORD_TIME;
const at = recordTime;
const session = sessionRecord;
const signals = PASSKEY_SIGNALS_RECORD;
const skipped = SKIPPED_CAMERA_RECORD;

describe('verification timeline', () => {
  it('an invite nobody opened: invited only, open until it expires', () => {
    assert.deepEqual(buildVerificationTimeline(session()), {
      steps: [{ kind: 'invited', at: T0 }],
      openUntil: at(3600),
    });
  });

  it('a finished verification: every step in order, with what each recorded', () => {
    const timeline = buildVerificationTimeline(
      session({
        status: 'COMPLETED',
        outcome: 'failed',
        startedAt: at(10),
        passkeyDoneAt: at(20),
        passkeySignals: signals,
        cameraDoneAt: at(30),
        liveness: skipped,
        completedAt: at(31),
      }),
    );
    assert.deepEqual(timeline, {
      steps: [
        { kind: 'invited', at: T0 },
        { kind: 'opened', at: at(10) },
        { kind: 'passkey', at: at(20), returning: false },
        { kind: 'camera', at: at(30), status: 'skipped', attempts: 0 },
        { kind: 'result', at: at(31), state: 'failed', decided: false },
      ],
      openUntil: null,
    });
  });

  it('a held verification ends with the hold; once decided, the result follows it', () => {
    const held = session({ status: 'COMPLETED', outcome: 'review', heldAt: at(40), completedAt: at(40) });
    assert.deepEqual(
      buildVerificationTimeline(held).steps.map((step) => step.kind),
      ['invited', 'held'],
    );
    const decided = buildVerificationTimeline({ ...held, outcome: 'verified', completedAt: at(900) });
    assert.deepEqual(decided.steps.at(-1), { kind: 'result', at: at(900), state: 'verified', decided: true });
  });

  it('a hold recorded before holds kept their time shows at its completion time', () => {
    const held = session({ status: 'COMPLETED', outcome: 'review', completedAt: at(50) });
    assert.deepEqual(buildVerificationTimeline(held).steps.at(-1), { kind: 'held', at: at(50) });
  });

  it('unreadable step records leave the step with unknown details rather than failing', () => {
    const timeline = buildVerificationTimeline(
      session({ passkeyDoneAt: at(5), passkeySignals: { odd: true }, cameraDoneAt: at(6), liveness: 'x' }),
    );
    assert.deepEqual(timeline.steps.slice(1), [
      { kind: 'passkey', at: at(5), returning: null },
      { kind: 'camera', at: at(6), status: null, attempts: null },
    ]);
  });

  it('an expired or revoked invite ends with that result', () => {
    const expired = session({ status: 'EXPIRED', outcome: 'expired', completedAt: at(3600) });
    assert.equal(verificationStateOf(expired), 'expired');
    assert.deepEqual(buildVerificationTimeline(expired).steps.at(-1), {
      kind: 'result',
      at: at(3600),
      state: 'expired',
      decided: false,
    });
    const cancelled = session({ status: 'CANCELLED', completedAt: at(70) });
    assert.equal(verificationStateOf(cancelled), 'cancelled');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessPoseSequence, type LabelledFrame } from './assess-pose-sequence.ts';
import type { FaceObservation, FrameAnalysis } from './face-analyzer.ts';
import { drawLivenessMoves, type FrameLabel, LIVENESS_MOVES, type LivenessMove } from './liveness-moves.ts';

function face(yawDeg: number, pitchDeg: number): FaceObservation {
  return {
    yawDeg,
    pitchDeg,
    rollDeg: 0,
    box: { x: 0.3, y: 0.2, width: 0.4, height: 0.5 },
    detectionScore: 0.9,
    embedding: new Float32Array([1, 0]),
  };
}
const seen = (...faces: FaceObservation[]): FrameAnalysis => ({
  ok: true,
  widthPx: 640,
  heightPx: 480,
  faces,
});

/** A head that really turns: yaw/pitch per move, on top of a frontal pose that is slightly off-axis. */
const REAL_TURN: Record<LivenessMove, [number, number]> = {
  left: [33, 4],
  right: [-22, 3],
  up: [6, 19],
  down: [4, -9],
};

function framesFor(moves: LivenessMove[], pose: (move: LivenessMove) => [number, number]): LabelledFrame[] {
  return [
    { label: 'center', analysis: seen(face(5, 3)) },
    ...moves.map((move) => ({ label: move, analysis: seen(face(...pose(move))) })),
  ];
}

describe('assessPoseSequence', () => {
  it('passes a head that makes each issued move, in order, measured from its own frontal pose', () => {
    const moves: LivenessMove[] = ['up', 'left', 'down', 'right'];
    const result = assessPoseSequence(
      framesFor(moves, (move) => REAL_TURN[move]),
      moves,
    );
    assert.deepEqual(result.reasons, []);
    assert.equal(result.passed, true);
    assert.deepEqual(result.reachedDeg, [16, 28, 12, 27]);
  });

  it('fails a flat photo: panned and tilted, its yaw and pitch stay within a few degrees', () => {
    const moves: LivenessMove[] = ['left', 'right', 'up'];
    const wobble = (index: number): [number, number] => [2.5 * Math.sin(index), 1.8 * Math.cos(index)];
    const frames: LabelledFrame[] = (['center', ...moves] as FrameLabel[]).map((label, index) => ({
      label,
      analysis: seen(face(...wobble(index))),
    }));
    const result = assessPoseSequence(frames, moves);
    assert.equal(result.passed, false);
    assert.deepEqual(result.reasons, ['POSE_NOT_FOLLOWED']);
  });

  it('fails moves made in the wrong direction or the wrong order', () => {
    const moves: LivenessMove[] = ['left', 'up', 'right'];
    const mirrored = assessPoseSequence(
      framesFor(moves, (move) => REAL_TURN[move === 'left' ? 'right' : move === 'right' ? 'left' : move]),
      moves,
    );
    assert.deepEqual(mirrored.reasons, ['POSE_NOT_FOLLOWED']);
    const reordered = framesFor(['up', 'left', 'right'], (move) => REAL_TURN[move]);
    assert.deepEqual(assessPoseSequence(reordered, moves).reasons, ['POSE_NOT_FOLLOWED']);
  });

  it('fails a move that stops short of its threshold, and a frontal frame that is not frontal', () => {
    const moves: LivenessMove[] = ['left', 'down', 'right'];
    const short = framesFor(moves, (move) => (move === 'down' ? [4, -3] : REAL_TURN[move]));
    assert.equal(assessPoseSequence(short, moves).passed, false);
    const turnedStart: LabelledFrame[] = [
      { label: 'center', analysis: seen(face(30, 0)) },
      ...framesFor(moves, (move) => REAL_TURN[move]).slice(1),
    ];
    assert.equal(assessPoseSequence(turnedStart, moves).passed, false);
  });

  it('names frames without a face and frames with several', () => {
    const moves: LivenessMove[] = ['left', 'right', 'up'];
    const frames = framesFor(moves, (move) => REAL_TURN[move]);
    const empty = frames.map((frame, index) => (index === 2 ? { ...frame, analysis: seen() } : frame));
    assert.deepEqual(assessPoseSequence(empty, moves).reasons, ['NO_FACE']);
    const crowd = frames.map((frame, index) =>
      index === 1 ? { ...frame, analysis: seen(face(30, 0), face(0, 0)) } : frame,
    );
    assert.deepEqual(assessPoseSequence(crowd, moves).reasons, ['MULTIPLE_FACES']);
    const broken = frames.map((frame, index) =>
      index === 0 ? { ...frame, analysis: { ok: false as const, problem: 'not_a_jpeg' as const } } : frame,
    );
    assert.deepEqual(assessPoseSequence(broken, moves).reasons, ['NO_FACE']);
  });

  it('needs exactly one frontal frame and one frame per move', () => {
    const moves: LivenessMove[] = ['left', 'right', 'up'];
    const frames = framesFor(moves, (move) => REAL_TURN[move]);
    assert.equal(assessPoseSequence(frames.slice(0, 3), moves).passed, false);
    assert.equal(assessPoseSequence([...frames, frames[1] as LabelledFrame], moves).passed, false);
  });
});

describe('drawLivenessMoves', () => {
  it('draws 3 or 4 different moves, and over many draws every move and both lengths appear', () => {
    const lengths = new Set<number>();
    const firsts = new Set<LivenessMove>();
    for (let draw = 0; draw < 400; draw++) {
      const moves = drawLivenessMoves();
      assert.equal(new Set(moves).size, moves.length);
      assert.ok(moves.every((move) => LIVENESS_MOVES.includes(move)));
      lengths.add(moves.length);
      if (moves[0]) firsts.add(moves[0]);
    }
    assert.deepEqual([...lengths].sort(), [3, 4]);
    assert.equal(firsts.size, 4);
  });
});

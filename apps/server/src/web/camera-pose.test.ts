// The camera step's pose rules (assets/camera-pose.js), run in Node: the module is a plain browser ES
// module without DOM use. It sits in assets/ (served as is), so its test lives here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

interface Pose {
  yawDeg: number;
  pitchDeg: number;
}
interface Verdict {
  capture: boolean;
  hint: string | null;
}
interface PoseJudge {
  judge(target: string, pose: Pose): Verdict;
  restartHold(): void;
  reset(): void;
}

// A computed specifier: the module is JavaScript without declarations, so its exports are checked here.
const modulePath = new URL('./assets/camera-pose.js', import.meta.url).href;
const poseModule: unknown = await import(modulePath);

function exported(name: string): (...args: unknown[]) => unknown {
  const value: unknown =
    typeof poseModule === 'object' && poseModule !== null ? Reflect.get(poseModule, name) : null;
  if (typeof value !== 'function') throw new Error(`camera-pose.js does not export ${name}()`);
  return (...args) => Reflect.apply(value, undefined, args);
}

function readPose(face: unknown): Pose | null {
  const pose = exported('readPose')(face);
  if (pose === null) return null;
  assert.ok(typeof pose === 'object' && pose !== undefined);
  const yawDeg: unknown = Reflect.get(pose, 'yawDeg');
  const pitchDeg: unknown = Reflect.get(pose, 'pitchDeg');
  assert.ok(typeof yawDeg === 'number' && typeof pitchDeg === 'number');
  return { yawDeg, pitchDeg };
}

function frontalHint(pose: Pose): unknown {
  return exported('frontalHint')(pose);
}

function hasReachedMove(move: string, pose: Pose, centerPose: Pose | null): unknown {
  return exported('hasReachedMove')(move, pose, centerPose);
}

function createPoseJudge(): PoseJudge {
  const judge: unknown = exported('createPoseJudge')();
  assert.ok(typeof judge === 'object' && judge !== null);
  const method = (name: string) => {
    const value: unknown = Reflect.get(judge, name);
    if (typeof value !== 'function') throw new Error(`the pose judge has no ${name}()`);
    return (...args: unknown[]): unknown => Reflect.apply(value, judge, args);
  };
  const judgeOne = method('judge');
  return {
    judge(target, pose) {
      const verdict: unknown = judgeOne(target, pose);
      assert.ok(typeof verdict === 'object' && verdict !== null);
      const capture: unknown = Reflect.get(verdict, 'capture');
      const hint: unknown = Reflect.get(verdict, 'hint');
      assert.ok(typeof capture === 'boolean');
      assert.ok(hint === null || typeof hint === 'string');
      return { capture, hint };
    },
    restartHold: () => void method('restartHold')(),
    reset: () => void method('reset')(),
  };
}

const DEG = Math.PI / 180;
const frontal: Pose = { yawDeg: 2, pitchDeg: 4 };

function judgeAll(judge: PoseJudge, target: string, poses: Pose[]): Verdict[] {
  return poses.map((pose) => judge.judge(target, pose));
}

describe('camera pose rules', () => {
  it('reads Human’s rotation (radians) as degrees, and nothing from a face without a mesh', () => {
    const pose = readPose({ rotation: { angle: { yaw: -25 * DEG, pitch: 12 * DEG, roll: 0 } } });
    assert.ok(pose !== null);
    assert.ok(Math.abs(pose.yawDeg + 25) < 1e-9 && Math.abs(pose.pitchDeg - 12) < 1e-9);
    assert.equal(readPose({ rotation: null }), null);
    assert.equal(readPose({}), null);
    assert.equal(readPose(undefined), null);
    assert.equal(readPose({ rotation: { angle: { yaw: Number.NaN, pitch: 0 } } }), null);
  });

  it('the person’s own left is a negative yaw, up a negative pitch (unmirrored image)', () => {
    assert.equal(hasReachedMove('left', { yawDeg: -22, pitchDeg: 0 }, null), true);
    assert.equal(hasReachedMove('left', { yawDeg: 22, pitchDeg: 0 }, null), false);
    assert.equal(hasReachedMove('right', { yawDeg: 22, pitchDeg: 0 }, null), true);
    assert.equal(hasReachedMove('up', { yawDeg: 0, pitchDeg: -16 }, null), true);
    assert.equal(hasReachedMove('down', { yawDeg: 0, pitchDeg: 16 }, null), true);
    assert.equal(hasReachedMove('down', { yawDeg: 0, pitchDeg: -16 }, null), false);
  });

  it('a move needs its threshold (yaw 20°, pitch 15°) and a real turn from the centre frame', () => {
    assert.equal(hasReachedMove('right', { yawDeg: 19.9, pitchDeg: 0 }, null), false);
    assert.equal(hasReachedMove('up', { yawDeg: 0, pitchDeg: -14.9 }, null), false);
    // Centre frame already looking down 9°: "down" at 15° is only 6° of movement.
    const tilted: Pose = { yawDeg: 0, pitchDeg: 9 };
    assert.equal(hasReachedMove('down', { yawDeg: 0, pitchDeg: 15 }, tilted), false);
    assert.equal(hasReachedMove('down', { yawDeg: 0, pitchDeg: 17 }, tilted), true);
  });

  it('tells the person which way to face the camera, from their own point of view', () => {
    assert.equal(frontalHint(frontal), null);
    assert.equal(frontalHint({ yawDeg: -14, pitchDeg: 0 }), 'turn-right');
    assert.equal(frontalHint({ yawDeg: 14, pitchDeg: 0 }), 'turn-left');
    assert.equal(frontalHint({ yawDeg: 0, pitchDeg: 13 }), 'chin-up');
    assert.equal(frontalHint({ yawDeg: 0, pitchDeg: -13 }), 'chin-down');
  });

  it('takes the centre frame after three steady frontal analyses, not before', () => {
    const judge = createPoseJudge();
    const verdicts = judgeAll(judge, 'center', [
      frontal,
      { yawDeg: 3, pitchDeg: 5 },
      { yawDeg: 2.5, pitchDeg: 4 },
    ]);
    assert.deepEqual(
      verdicts.map((verdict) => verdict.capture),
      [false, false, true],
    );
    assert.deepEqual(verdicts[0], { capture: false, hint: 'hold' });
  });

  it('a moving or turned head does not give a centre frame', () => {
    const judge = createPoseJudge();
    const moving = judgeAll(judge, 'center', [
      { yawDeg: -8, pitchDeg: 0 },
      { yawDeg: -2, pitchDeg: 0 },
      { yawDeg: 4, pitchDeg: 0 },
      { yawDeg: 9, pitchDeg: 0 },
    ]);
    assert.ok(moving.every((verdict) => !verdict.capture));
    const turned = judgeAll(judge, 'center', [
      { yawDeg: 12, pitchDeg: 0 },
      { yawDeg: 12, pitchDeg: 0 },
      { yawDeg: 12, pitchDeg: 0 },
    ]);
    assert.ok(turned.every((verdict) => !verdict.capture && verdict.hint === 'turn-left'));
  });

  it('takes a move’s frame once the angle has held for two analyses', () => {
    const judge = createPoseJudge();
    judgeAll(judge, 'center', [frontal, frontal, frontal]);
    judge.restartHold();
    const verdicts = judgeAll(judge, 'left', [
      { yawDeg: -10, pitchDeg: 0 },
      { yawDeg: -21, pitchDeg: 0 },
      { yawDeg: -12, pitchDeg: 0 },
      { yawDeg: -23, pitchDeg: 0 },
      { yawDeg: -24, pitchDeg: 0 },
    ]);
    assert.deepEqual(
      verdicts.map((verdict) => [verdict.capture, verdict.hint]),
      [
        [false, null],
        [false, 'hold'],
        [false, null],
        [false, 'hold'],
        [true, null],
      ],
    );
  });

  it('a lost face restarts the hold', () => {
    const judge = createPoseJudge();
    judge.judge('center', frontal);
    judge.judge('center', frontal);
    judge.restartHold();
    assert.equal(judge.judge('center', frontal).capture, false);
  });
});

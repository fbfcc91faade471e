// The rules of the camera step, apart from the camera and the model so that they run (and are tested)
// anywhere: the head pose read from Human's face result, when the centre frame is taken, when a move's
// frame is taken, and the hint shown while the person is not there yet.
//
// Sign convention of Human 3.3.6 `face.rotation.angle` (radians) on the UNMIRRORED camera image, which
// is what the page analyses and uploads (only the preview on screen is mirrored):
// - yaw < 0 when the person turns to THEIR OWN LEFT (the nose moves towards the image's right edge),
//   yaw > 0 to their own right. Observed on sample photographs through the wasm backend (faces turned
//   one way and the same images flipped: the sign follows the nose, and flips with the image).
// - pitch < 0 when the person raises the chin (looks up), > 0 when they look down. Derived from Human's
//   formula (the forehead→chin axis against the mesh depth, the same depth sign that gives the yaw
//   above); not yet observed on a moving head. Frontal portraits measure pitch ≈ +8…+14°, so a person
//   looking straight ahead may be asked to raise the chin a little before the centre frame.
// A flip of either sign is a one-line change in MOVE_RULES and frontalHint.

const RADIANS_TO_DEGREES = 180 / Math.PI;

/** The centre frame: both angles within this of straight ahead. */
export const FRONTAL_LIMIT_DEG = 10;
/** …and steady: no angle changed by more than this between analyses. */
export const STEADY_LIMIT_DEG = 3;
export const CENTER_HOLD_ANALYSES = 3;
/** A move's frame: the threshold passed in this many analyses in a row. */
export const MOVE_HOLD_ANALYSES = 2;
/**
 * Also this far from the centre frame's own angle in the move's direction, so that a head already
 * tilted at the centre frame (see the pitch note above) still has to move.
 */
export const MIN_TURN_FROM_CENTER_DEG = 8;

/** What the server checks on each move's frame (the contract's thresholds). */
export const MOVE_RULES = {
  left: { axis: 'yawDeg', sign: -1, thresholdDeg: 20 },
  right: { axis: 'yawDeg', sign: 1, thresholdDeg: 20 },
  up: { axis: 'pitchDeg', sign: -1, thresholdDeg: 15 },
  down: { axis: 'pitchDeg', sign: 1, thresholdDeg: 15 },
};

export const MOVES = Object.keys(MOVE_RULES);

/** Human's face result → `{ yawDeg, pitchDeg }`, or null when it has no rotation (no mesh). */
export function readPose(face) {
  const angle = face?.rotation?.angle;
  if (typeof angle?.yaw !== 'number' || typeof angle?.pitch !== 'number') return null;
  if (!Number.isFinite(angle.yaw) || !Number.isFinite(angle.pitch)) return null;
  return { yawDeg: angle.yaw * RADIANS_TO_DEGREES, pitchDeg: angle.pitch * RADIANS_TO_DEGREES };
}

/**
 * What the person should do to face the camera, or null when they do. Named from their own point of
 * view: 'turn-right' means towards their own right.
 */
export function frontalHint(pose) {
  if (pose.yawDeg <= -FRONTAL_LIMIT_DEG) return 'turn-right';
  if (pose.yawDeg >= FRONTAL_LIMIT_DEG) return 'turn-left';
  if (pose.pitchDeg >= FRONTAL_LIMIT_DEG) return 'chin-up';
  if (pose.pitchDeg <= -FRONTAL_LIMIT_DEG) return 'chin-down';
  return null;
}

function isSteady(previous, pose) {
  return (
    previous !== null &&
    Math.abs(previous.yawDeg - pose.yawDeg) <= STEADY_LIMIT_DEG &&
    Math.abs(previous.pitchDeg - pose.pitchDeg) <= STEADY_LIMIT_DEG
  );
}

/** How far the pose is into `move`: degrees past neutral in the move's direction. */
export function turnDeg(move, pose) {
  const rule = MOVE_RULES[move];
  return pose[rule.axis] * rule.sign;
}

export function hasReachedMove(move, pose, centerPose) {
  const rule = MOVE_RULES[move];
  if (turnDeg(move, pose) < rule.thresholdDeg) return false;
  return centerPose === null || turnDeg(move, pose) - turnDeg(move, centerPose) >= MIN_TURN_FROM_CENTER_DEG;
}

/**
 * Judges one analysis after another for a target ('center' or a move). `judge` answers
 * `{ capture, hint }`: capture is true on the analysis whose frame is to be sent; hint is what to tell
 * the person (frontalHint's names, 'hold' when they are there, or null).
 */
export function createPoseJudge() {
  let streak = 0;
  let previous = null;
  let centerPose = null;
  return {
    judge(target, pose) {
      if (target === 'center') {
        const hint = frontalHint(pose);
        if (hint !== null) streak = 0;
        else streak = isSteady(previous, pose) ? streak + 1 : 1;
        previous = pose;
        if (streak >= CENTER_HOLD_ANALYSES) {
          centerPose = pose;
          streak = 0;
          return { capture: true, hint: null };
        }
        return { capture: false, hint: hint ?? 'hold' };
      }
      previous = pose;
      if (!hasReachedMove(target, pose, centerPose)) {
        streak = 0;
        return { capture: false, hint: null };
      }
      streak += 1;
      if (streak >= MOVE_HOLD_ANALYSES) {
        streak = 0;
        return { capture: true, hint: null };
      }
      return { capture: false, hint: 'hold' };
    },
    /** A new target, or the face was lost: the hold starts again. */
    restartHold() {
      streak = 0;
      previous = null;
    },
    /** A new attempt from the centre frame. */
    reset() {
      streak = 0;
      previous = null;
      centerPose = null;
    },
  };
}

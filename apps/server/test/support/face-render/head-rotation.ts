// Test material only: head poses in the person's own frame of reference, as core/liveness states them.

export interface HeadPoseDeg {
  /** > 0: the person turns to their OWN left (nose towards the right of an unmirrored image). */
  yawDeg: number;
  /** > 0: the person looks up. */
  pitchDeg: number;
  /** > 0: the head tilts towards the person's own left shoulder (the image's right). */
  rollDeg?: number;
}

type Vector3 = [number, number, number];

function degreesToRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/**
 * The rotation of a head pose in the camera's axes (x right, y down, z away from the camera): roll,
 * then pitch, then yaw; with `inverse`, the rotation that undoes it.
 */
export function createHeadRotation(
  pose: HeadPoseDeg,
  options: { inverse?: boolean } = {},
): (v: Vector3) => Vector3 {
  const sign = options.inverse ? -1 : 1;
  const yaw = sign * degreesToRadians(pose.yawDeg);
  const pitch = sign * degreesToRadians(pose.pitchDeg);
  const roll = sign * degreesToRadians(pose.rollDeg ?? 0);
  const rotateRoll = ([x, y, z]: Vector3): Vector3 => [
    x * Math.cos(roll) - y * Math.sin(roll),
    x * Math.sin(roll) + y * Math.cos(roll),
    z,
  ];
  // Looking up lifts the nose (towards -y), which sits at -z.
  const rotatePitch = ([x, y, z]: Vector3): Vector3 => [
    x,
    y * Math.cos(pitch) + z * Math.sin(pitch),
    -y * Math.sin(pitch) + z * Math.cos(pitch),
  ];
  // Turning to the person's own left carries the nose (at -z) towards +x.
  const rotateYaw = ([x, y, z]: Vector3): Vector3 => [
    x * Math.cos(yaw) - z * Math.sin(yaw),
    y,
    x * Math.sin(yaw) + z * Math.cos(yaw),
  ];
  return options.inverse
    ? (v) => rotateRoll(rotatePitch(rotateYaw(v)))
    : (v) => rotateYaw(rotatePitch(rotateRoll(v)));
}

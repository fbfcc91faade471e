// Test material only: a 3-D head built from one frontal photo, so tests get a face that really turns
// (a flat photo cannot: its measured yaw stays near zero). Human measures the face's 3-D mesh once;
// the mesh, extended by rings that curve back over the skull, is textured with the photo itself.
import type { FaceResult, Human } from '@vladmandic/human';
import { fillPolygonSmoothly } from './backdrop-fill.ts';
import { detectFacesRgb, getSharedHuman, readHumanAnglesDeg } from './detect-faces.ts';
import { createHeadRotation, type HeadPoseDeg } from './head-rotation.ts';
import { renderFaceFrame } from './render-face-frame.ts';
import type { RgbImage } from './rgb-image.ts';

export interface FaceModel {
  /** The photo: texture of the head. */
  readonly texture: RgbImage;
  /** The photo with the head replaced by a smooth fill: the static scene behind the head. */
  readonly backdrop: RgbImage;
  /** Per vertex x, y, z in photo pixels relative to the head's pivot; y down, z away from the camera. */
  readonly vertices: Float32Array;
  /** Per vertex unit normal (same axes), pointing out of the head. */
  readonly normals: Float32Array;
  /** Per vertex texture position in photo pixels. */
  readonly uv: Float32Array;
  readonly triangles: Uint32Array;
  /** Where the pivot (the neck's turning axis) sits in the photo. */
  readonly pivotPx: { x: number; y: number };
  /** Distance between the mesh's two side points (234 and 454) in photo pixels. */
  readonly faceWidthPx: number;
  /**
   * The head pose Human measured on the photo, in the person's frame (HeadPoseDeg's signs). Unless
   * asked not to, the model is turned back by it, so pose 0 renders what Human reads as frontal.
   */
  readonly sourcePoseDeg: HeadPoseDeg;
}

/** Face oval of the 468-point mesh, in order around the face (MediaPipe's FACEMESH_FACE_OVAL). */
const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
  150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
];
/** Inner lip contour: the mouth is a hole in the mesh, closed here with a fan. */
const INNER_LIPS = [
  78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95,
];
const NOSE_TIP = 4;
const SIDE_RIGHT = 234;
const SIDE_LEFT = 454;
/**
 * Human's z is in the mesh model's own units; it is rescaled so the nose tip stands this far (in face
 * widths) in front of the face's side points, as on an adult head (about 12 cm for 14 cm).
 */
const NOSE_DEPTH_PER_FACE_WIDTH = 0.85;
/** The neck's turning axis sits this far (in face widths) behind the side points. */
const PIVOT_BEHIND_SIDES_PER_FACE_WIDTH = 0.15;
/** Rings around the face oval, as multiples of its distance from the pivot (hair, ears, skull). */
const RING_SCALES = [1.1, 1.25, 1.45, 1.75, 2.1];

export interface BuildFaceModelOptions {
  /** Which detected face to use, by Human's order (default 0). */
  faceIndex?: number;
  human?: Human;
  /** Turn the model back by the pose Human measures on the photo (default true). */
  neutralisePose?: boolean;
}

function point3(mesh: readonly (readonly (number | undefined)[])[], index: number): [number, number, number] {
  const p = mesh[index];
  if (!p) throw new Error(`face mesh has no point ${index}`);
  return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}

export async function buildFaceModel(
  photo: RgbImage,
  options: BuildFaceModelOptions = {},
): Promise<FaceModel> {
  const human = options.human ?? (await getSharedHuman());
  const faces = await detectFacesRgb(human, photo);
  const face = faces[options.faceIndex ?? 0];
  if (!face || face.mesh.length < 468) {
    throw new Error(`no face mesh at index ${options.faceIndex ?? 0} (${faces.length} faces found)`);
  }
  const mesh = face.mesh.slice(0, 468);
  const right = point3(mesh, SIDE_RIGHT);
  const left = point3(mesh, SIDE_LEFT);
  const nose = point3(mesh, NOSE_TIP);
  const faceWidthPx = Math.hypot(left[0] - right[0], left[1] - right[1]);
  const sideZ = (left[2] + right[2]) / 2;
  const zScale = (NOSE_DEPTH_PER_FACE_WIDTH * faceWidthPx) / Math.max(1e-6, sideZ - nose[2]);
  const pivot = {
    x: (left[0] + right[0]) / 2,
    y: (left[1] + right[1]) / 2,
    z: sideZ * zScale + PIVOT_BEHIND_SIDES_PER_FACE_WIDTH * faceWidthPx,
  };

  const positions: number[] = [];
  const uv: number[] = [];
  for (const p of mesh) {
    const x = p[0] ?? 0;
    const y = p[1] ?? 0;
    positions.push(x - pivot.x, y - pivot.y, (p[2] ?? 0) * zScale - pivot.z);
    uv.push(x, y);
  }
  const triangles: number[] = [...human.faceTriangulation];

  // Mouth: a fan from the inner lips' centre, slightly recessed.
  const mouthCentre = positions.length / 3;
  let mx = 0;
  let my = 0;
  let mz = 0;
  for (const index of INNER_LIPS) {
    mx += positions[index * 3] ?? 0;
    my += positions[index * 3 + 1] ?? 0;
    mz += positions[index * 3 + 2] ?? 0;
  }
  mx /= INNER_LIPS.length;
  my /= INNER_LIPS.length;
  mz = mz / INNER_LIPS.length + 0.03 * faceWidthPx;
  positions.push(mx, my, mz);
  uv.push(mx + pivot.x, my + pivot.y);
  for (let i = 0; i < INNER_LIPS.length; i++) {
    triangles.push(mouthCentre, INNER_LIPS[i] ?? 0, INNER_LIPS[(i + 1) % INNER_LIPS.length] ?? 0);
  }

  // Rings beyond the face oval lie on an ellipsoid around the pivot, so the head's outline stays put
  // as it turns (as a real skull's does) while the face on its front moves.
  let halfWidth = 0;
  let halfHeightUp = 0;
  let halfHeightDown = 0;
  for (const index of FACE_OVAL) {
    halfWidth = Math.max(halfWidth, Math.abs(positions[index * 3] ?? 0));
    const y = positions[index * 3 + 1] ?? 0;
    halfHeightUp = Math.max(halfHeightUp, -y);
    halfHeightDown = Math.max(halfHeightDown, y);
  }
  const frontDepth = Math.max(1, -(positions[NOSE_TIP * 3 + 2] ?? 0));
  let previousRing = FACE_OVAL;
  const outline: { x: number; y: number }[] = [];
  for (const [ringNumber, scale] of RING_SCALES.entries()) {
    const ring: number[] = [];
    for (const [k, index] of FACE_OVAL.entries()) {
      const ox = positions[index * 3] ?? 0;
      const oy = positions[index * 3 + 1] ?? 0;
      const previous = previousRing[k] ?? index;
      const previousZ = positions[previous * 3 + 2] ?? 0;
      const length = Math.max(1e-6, Math.hypot(ox, oy));
      // Below the chin the body does not turn with the head: the rings grow little downwards.
      const downward = Math.max(0, oy / length);
      const growth = (scale - 1) * (1 - 0.75 * downward * downward);
      const x = ox * (1 + growth);
      const y = oy * (1 + growth);
      const semiY = y < 0 ? halfHeightUp * 1.15 : halfHeightDown * 1.15;
      const r2 = (x / (halfWidth * 1.15)) ** 2 + (y / semiY) ** 2;
      const ellipsoidZ = -frontDepth * Math.sqrt(Math.max(0, 1 - r2));
      const z = Math.min(0, Math.max(previousZ + 0.04 * faceWidthPx, ellipsoidZ));
      ring.push(positions.length / 3);
      positions.push(x, y, ringNumber === RING_SCALES.length - 1 ? 0 : z);
      uv.push(x + pivot.x, y + pivot.y);
      if (ringNumber === RING_SCALES.length - 1) outline.push({ x: x + pivot.x, y: y + pivot.y });
    }
    for (let k = 0; k < FACE_OVAL.length; k++) {
      const next = (k + 1) % FACE_OVAL.length;
      const a = previousRing[k] ?? 0;
      const b = previousRing[next] ?? 0;
      const c = ring[k] ?? 0;
      const d = ring[next] ?? 0;
      triangles.push(a, c, b, b, c, d);
    }
    previousRing = ring;
  }

  const vertices = Float32Array.from(positions);
  const normals = computeVertexNormals(vertices, triangles);
  const model: FaceModel = {
    texture: photo,
    backdrop: fillPolygonSmoothly(photo, outline),
    vertices,
    normals,
    uv: Float32Array.from(uv),
    triangles: Uint32Array.from(triangles),
    pivotPx: { x: pivot.x, y: pivot.y },
    faceWidthPx,
    sourcePoseDeg: toPersonPoseDeg(face),
  };
  if (!(options.neutralisePose ?? true)) return model;
  // Turned back by the photo's pose, then once more by what Human still reads on a frontal render.
  turnModel(model, model.sourcePoseDeg);
  const [frontal] = await detectFacesRgb(
    human,
    renderFaceFrame(model, { yawDeg: 0, pitchDeg: 0, noiseLevel: 0 }),
  );
  if (frontal) turnModel(model, toPersonPoseDeg(frontal));
  return model;
}

/** Human's angles in the person's frame: Human's yaw and pitch have the opposite signs, roll the same. */
function toPersonPoseDeg(face: FaceResult): Required<HeadPoseDeg> {
  const measured = readHumanAnglesDeg(face);
  return { yawDeg: -measured.yawDeg, pitchDeg: -measured.pitchDeg, rollDeg: measured.rollDeg };
}

function turnModel(model: FaceModel, backFrom: HeadPoseDeg): void {
  const undo = createHeadRotation(backFrom, { inverse: true });
  rotateTriples(model.vertices, undo);
  rotateTriples(model.normals, undo);
}

function rotateTriples(
  values: Float32Array,
  rotate: (v: [number, number, number]) => [number, number, number],
): void {
  for (let i = 0; i + 2 < values.length; i += 3) {
    const [x, y, z] = rotate([values[i] ?? 0, values[i + 1] ?? 0, values[i + 2] ?? 0]);
    values[i] = x;
    values[i + 1] = y;
    values[i + 2] = z;
  }
}

/** Area-weighted vertex normals, each turned to face the camera side (the mesh is only a front). */
function computeVertexNormals(vertices: Float32Array, triangles: readonly number[]): Float32Array {
  const normals = new Float32Array(vertices.length);
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    const ia = (triangles[t] ?? 0) * 3;
    const ib = (triangles[t + 1] ?? 0) * 3;
    const ic = (triangles[t + 2] ?? 0) * 3;
    const ux = (vertices[ib] ?? 0) - (vertices[ia] ?? 0);
    const uy = (vertices[ib + 1] ?? 0) - (vertices[ia + 1] ?? 0);
    const uz = (vertices[ib + 2] ?? 0) - (vertices[ia + 2] ?? 0);
    const vx = (vertices[ic] ?? 0) - (vertices[ia] ?? 0);
    const vy = (vertices[ic + 1] ?? 0) - (vertices[ia + 1] ?? 0);
    const vz = (vertices[ic + 2] ?? 0) - (vertices[ia + 2] ?? 0);
    let nx = uy * vz - uz * vy;
    let ny = uz * vx - ux * vz;
    let nz = ux * vy - uy * vx;
    if (nz > 0) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }
    for (const i of [ia, ib, ic]) {
      normals[i] = (normals[i] ?? 0) + nx;
      normals[i + 1] = (normals[i + 1] ?? 0) + ny;
      normals[i + 2] = (normals[i + 2] ?? 0) + nz;
    }
  }
  for (let i = 0; i < normals.length; i += 3) {
    const length = Math.hypot(normals[i] ?? 0, normals[i + 1] ?? 0, normals[i + 2] ?? 0) || 1;
    normals[i] = (normals[i] ?? 0) / length;
    normals[i + 1] = (normals[i + 1] ?? 0) / length;
    normals[i + 2] = (normals[i + 2] ?? 0) / length;
  }
  return normals;
}

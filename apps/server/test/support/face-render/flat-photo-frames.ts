// Test material only: the attack the head-turn check answers. A printed photo or a phone screen held to
// the camera can be panned, scaled, rotated and tilted (keystone), but its face cannot turn: these
// frames show exactly that, a flat plane moved the way a hand would move it.
import { createHeadRotation } from './head-rotation.ts';
import { clampByte, createRenderTarget, drawTexturedMesh } from './rasterize-triangles.ts';
import { addSensorNoise } from './render-face-frame.ts';
import { createRgbImage, type RgbImage } from './rgb-image.ts';
import { createSeededRandom } from './seeded-random.ts';

export interface FlatPhotoFramesOptions {
  widthPx?: number;
  heightPx?: number;
  /** The photo's height on screen as a fraction of the frame's height, before the waving scale. Default 1.1. */
  photoHeightFraction?: number;
  /** The photo point held near the frame's centre and turned about (default: the photo's centre). */
  aimAtPx?: { x: number; y: number };
  /** Largest tilt of the sheet out of the image plane (keystone), degrees. Default 30. */
  maxTiltDeg?: number;
  /** Largest in-plane rotation, degrees. Default 12. */
  maxSpinDeg?: number;
  seed?: number;
}

/** A dim, slightly uneven room behind the sheet. */
function renderRoomBackground(widthPx: number, heightPx: number, seed: number): RgbImage {
  const image = createRgbImage(widthPx, heightPx);
  const random = createSeededRandom(seed);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const base = 90 + 50 * (y / heightPx) + 20 * Math.sin(x / 90);
      const o = (y * widthPx + x) * 3;
      image.data[o] = clampByte(base + 12 + random() * 4);
      image.data[o + 1] = clampByte(base + 4 + random() * 4);
      image.data[o + 2] = clampByte(base - 10 + random() * 4);
    }
  }
  return image;
}

/** The photo as a flat sheet, one frame per step of a waving motion (pan, scale, spin, tilt). */
export function flatPhotoFrames(
  photo: RgbImage,
  frameCount: number,
  options: FlatPhotoFramesOptions = {},
): RgbImage[] {
  const widthPx = options.widthPx ?? 640;
  const heightPx = options.heightPx ?? 480;
  const maxTiltDeg = options.maxTiltDeg ?? 30;
  const maxSpinDeg = options.maxSpinDeg ?? 12;
  const focalPx = 0.9 * widthPx;
  const seed = options.seed ?? 1;
  const background = renderRoomBackground(widthPx, heightPx, seed);
  const random = createSeededRandom(seed + 1);
  const phase = random() * Math.PI * 2;

  // The sheet: a 2×2 grid of quads, positions relative to the aim point (texture in photo pixels).
  const aimAt = options.aimAtPx ?? { x: photo.widthPx / 2, y: photo.heightPx / 2 };
  const texturePoints: [number, number][] = [];
  for (const gy of [0, 0.5, 1])
    for (const gx of [0, 0.5, 1]) texturePoints.push([gx * photo.widthPx, gy * photo.heightPx]);
  const corners = texturePoints.map(([x, y]): [number, number] => [x - aimAt.x, y - aimAt.y]);
  const uv = Float32Array.from(texturePoints.flat());
  const triangles = Uint32Array.from([
    0, 1, 3, 1, 4, 3, 1, 2, 4, 2, 5, 4, 3, 4, 6, 4, 7, 6, 4, 5, 7, 5, 8, 7,
  ]);
  const brightness = new Float32Array(corners.length).fill(1);

  const frames: RgbImage[] = [];
  for (let i = 0; i < frameCount; i++) {
    const t = (i / Math.max(1, frameCount)) * Math.PI * 2 + phase;
    const rotate = createHeadRotation({
      yawDeg: maxTiltDeg * Math.sin(t),
      pitchDeg: 0.7 * maxTiltDeg * Math.sin(2 * t + 1),
      rollDeg: maxSpinDeg * Math.sin(3 * t + 2),
    });
    const scale =
      ((options.photoHeightFraction ?? 1.1) * heightPx * (1 + 0.15 * Math.sin(t * 1.5))) / photo.heightPx;
    const centreX = widthPx / 2 + 0.08 * widthPx * Math.sin(t * 2 + 0.5);
    const centreY = heightPx / 2 + 0.06 * heightPx * Math.cos(t * 1.3);
    const screen = new Float32Array(corners.length * 3);
    for (const [k, [x, y]] of corners.entries()) {
      const [rx, ry, rz] = rotate([x * scale, y * scale, 0]);
      const depth = focalPx + rz;
      screen[k * 3] = centreX + (focalPx * rx) / depth;
      screen[k * 3 + 1] = centreY + (focalPx * ry) / depth;
      screen[k * 3 + 2] = 1 / depth;
    }
    const target = createRenderTarget(background);
    drawTexturedMesh(target, photo, { screen, uv, brightness, triangles });
    frames.push(addSensorNoise(target.image, 2, seed * 1000 + i));
  }
  return frames;
}

// Test material only: draws a FaceModel at a given head pose, as a webcam would see it.
import type { FaceModel } from './face-model.ts';
import { createHeadRotation, type HeadPoseDeg } from './head-rotation.ts';
import { clampByte, createRenderTarget, drawTexturedMesh, sampleBilinear } from './rasterize-triangles.ts';
import { createRgbImage, encodeJpegRgb, type RgbImage } from './rgb-image.ts';
import { createSeededRandom } from './seeded-random.ts';

export interface RenderFaceOptions extends HeadPoseDeg {
  widthPx?: number;
  heightPx?: number;
  /** The face's width (side point to side point) as a fraction of the frame's width. Default 0.2. */
  faceWidthFraction?: number;
  /** Where the head's pivot lands, as fractions of the frame. Default { x: 0.5, y: 0.45 }. */
  pivotAt?: { x: number; y: number };
  /** Camera focal length in pixels (perspective). Default 0.9 × widthPx (a ~60° webcam). */
  focalPx?: number;
  /** 0–1: how much a light from above the camera re-shades the turned head. Default 0.3. */
  lightingStrength?: number;
  /** Amplitude of per-pixel sensor noise, in 8-bit levels. Default 2; 0 for none. */
  noiseLevel?: number;
  /** Seeds the noise, so renders are reproducible yet two seeds give different bytes. Default 1. */
  seed?: number;
}

/** Light from above and in front of the camera; brightness = its new shading over the photo's. */
function shadeFactor(
  normal: [number, number, number],
  rotated: [number, number, number],
  strength: number,
): number {
  const light = [0, -0.35, -0.94];
  const lambert = (n: [number, number, number]) =>
    1 -
    strength +
    strength * Math.max(0, n[0] * (light[0] ?? 0) + n[1] * (light[1] ?? 0) + n[2] * (light[2] ?? 0));
  return Math.min(1.4, Math.max(0.6, lambert(rotated) / Math.max(0.05, lambert(normal))));
}

/** Backdrops by model and framing: a video's frames share one. */
const backdropCache = new WeakMap<FaceModel, Map<string, RgbImage>>();

function renderBackdrop(
  model: FaceModel,
  widthPx: number,
  heightPx: number,
  scale: number,
  pivotXPx: number,
  pivotYPx: number,
): RgbImage {
  const key = [widthPx, heightPx, scale, pivotXPx, pivotYPx].join(',');
  const byFraming = backdropCache.get(model) ?? new Map<string, RgbImage>();
  backdropCache.set(model, byFraming);
  const cached = byFraming.get(key);
  if (cached) return cached;
  const frame = createRgbImage(widthPx, heightPx);
  const texel = new Float32Array(3);
  for (let y = 0; y < frame.heightPx; y++) {
    for (let x = 0; x < frame.widthPx; x++) {
      sampleBilinear(
        model.backdrop,
        model.pivotPx.x + (x + 0.5 - pivotXPx) / scale - 0.5,
        model.pivotPx.y + (y + 0.5 - pivotYPx) / scale - 0.5,
        texel,
      );
      const o = (y * frame.widthPx + x) * 3;
      frame.data[o] = clampByte(texel[0] ?? 0);
      frame.data[o + 1] = clampByte(texel[1] ?? 0);
      frame.data[o + 2] = clampByte(texel[2] ?? 0);
    }
  }
  byFraming.set(key, frame);
  return frame;
}

export function renderFaceFrame(model: FaceModel, options: RenderFaceOptions): RgbImage {
  const widthPx = options.widthPx ?? 640;
  const heightPx = options.heightPx ?? 480;
  const focalPx = options.focalPx ?? 0.9 * widthPx;
  const scale = ((options.faceWidthFraction ?? 0.2) * widthPx) / model.faceWidthPx;
  const pivotXPx = (options.pivotAt?.x ?? 0.5) * widthPx;
  const pivotYPx = (options.pivotAt?.y ?? 0.45) * heightPx;
  const lightingStrength = options.lightingStrength ?? 0.3;

  const target = createRenderTarget(renderBackdrop(model, widthPx, heightPx, scale, pivotXPx, pivotYPx));

  const rotate = createHeadRotation(options);
  const vertexCount = model.vertices.length / 3;
  const screen = new Float32Array(vertexCount * 3);
  const brightness = new Float32Array(vertexCount);
  for (let i = 0; i < vertexCount; i++) {
    const v: [number, number, number] = [
      model.vertices[i * 3] ?? 0,
      model.vertices[i * 3 + 1] ?? 0,
      model.vertices[i * 3 + 2] ?? 0,
    ];
    const n: [number, number, number] = [
      model.normals[i * 3] ?? 0,
      model.normals[i * 3 + 1] ?? 0,
      model.normals[i * 3 + 2] ?? 0,
    ];
    const [x, y, z] = rotate(v);
    // The pivot sits at depth focalPx, where one model pixel is `scale` frame pixels.
    const depth = focalPx + scale * z;
    screen[i * 3] = pivotXPx + (focalPx * scale * x) / depth;
    screen[i * 3 + 1] = pivotYPx + (focalPx * scale * y) / depth;
    screen[i * 3 + 2] = 1 / depth;
    brightness[i] = lightingStrength > 0 ? shadeFactor(n, rotate(n), lightingStrength) : 1;
  }
  drawTexturedMesh(target, model.texture, { screen, uv: model.uv, brightness, triangles: model.triangles });

  return addSensorNoise(target.image, options.noiseLevel ?? 2, options.seed ?? 1);
}

/** Uniform per-pixel noise of ±level (8-bit levels), seeded; a copy, the input is left alone. */
export function addSensorNoise(image: RgbImage, level: number, seed: number): RgbImage {
  const data = image.data.slice();
  if (level > 0) {
    const random = createSeededRandom(seed);
    // One draw per pixel, a byte of it per channel: a third of the generator calls.
    const step = (2 * level) / 255;
    for (let i = 0; i + 2 < data.length; i += 3) {
      const bits = (random() * 4294967296) >>> 0;
      data[i] = clampByte((data[i] ?? 0) + (bits & 255) * step - level);
      data[i + 1] = clampByte((data[i + 1] ?? 0) + ((bits >>> 8) & 255) * step - level);
      data[i + 2] = clampByte((data[i + 2] ?? 0) + ((bits >>> 16) & 255) * step - level);
    }
  }
  return { widthPx: image.widthPx, heightPx: image.heightPx, data };
}

/**
 * Noise for many frames of one size at the cost of one addition per byte: one seeded noise field,
 * read from a different offset for each frame.
 */
export function createFrameNoise(
  image: RgbImage,
  level: number,
  seed: number,
): (image: RgbImage, frameNumber: number) => RgbImage {
  const length = image.data.length;
  const field = new Int8Array(2 * length);
  const random = createSeededRandom(seed);
  for (let i = 0; i < field.length; i++) field[i] = Math.round((random() * 2 - 1) * level);
  return (frame, frameNumber) => {
    const offset = Math.floor(createSeededRandom(seed + frameNumber)() * length);
    const data = frame.data.slice();
    for (let i = 0; i < data.length; i++) data[i] = clampByte((data[i] ?? 0) + (field[offset + i] ?? 0));
    return { widthPx: frame.widthPx, heightPx: frame.heightPx, data };
  };
}

export function renderFramesJpeg(
  model: FaceModel,
  poses: readonly RenderFaceOptions[],
  quality = 85,
): Buffer[] {
  return poses.map((pose) => encodeJpegRgb(renderFaceFrame(model, pose), quality));
}

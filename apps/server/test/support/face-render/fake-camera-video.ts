// Test material only: MJPEG files for Chromium's fake camera (--use-file-for-fake-video-capture).
// Written with Debian's ffmpeg, only under os.tmpdir() (no test image ever lands elsewhere).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectFacesRgb, getSharedHuman } from './detect-faces.ts';
import { buildFaceModel, type FaceModel } from './face-model.ts';
import { flatPhotoFrames } from './flat-photo-frames.ts';
import type { HeadPoseDeg } from './head-rotation.ts';
import { createFrameNoise, renderFaceFrame } from './render-face-frame.ts';
import type { RgbImage } from './rgb-image.ts';

/** Chromium plays an .mjpeg file at a fixed 30 frames per second (its file capture device has no rate). */
export const CHROMIUM_MJPEG_FPS = 30;

function isRgbImage(frame: RgbImage | Uint8Array): frame is RgbImage {
  return !(frame instanceof Uint8Array);
}

function assertUnderTmpdir(filePath: string): string {
  const tmp = realpathSync(os.tmpdir());
  const resolved = path.resolve(filePath);
  const dir = realpathSync(path.dirname(resolved));
  if (!`${dir}${path.sep}`.startsWith(`${tmp}${path.sep}`)) {
    throw new Error(`test videos are written under ${tmp} only, not ${resolved}`);
  }
  return path.join(dir, path.basename(resolved));
}

function runFfmpeg(args: readonly string[], input: Iterable<Uint8Array>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${stderr}`)),
    );
    child.stdin.on('error', reject);
    for (const chunk of input) child.stdin.write(chunk);
    child.stdin.end();
  });
}

/**
 * Writes frames (RGB images, or JPEG bytes) as an MJPEG file. `fps` is the frames' own rate; the file
 * runs at Chromium's 30 fps, each frame repeated 30 / fps times, so the motion keeps its real timing.
 */
export async function writeFakeCameraVideo(
  filePath: string,
  frames: readonly (RgbImage | Uint8Array)[],
  fps: number,
): Promise<{ path: string; frameCount: number }> {
  const target = assertUnderTmpdir(filePath);
  const first = frames[0];
  if (!first) throw new Error('no frames');
  if (!Number.isInteger(CHROMIUM_MJPEG_FPS / fps)) throw new Error(`fps must divide ${CHROMIUM_MJPEG_FPS}`);
  const output = [
    '-r',
    String(CHROMIUM_MJPEG_FPS),
    '-c:v',
    'mjpeg',
    '-q:v',
    '3',
    '-pix_fmt',
    'yuvj420p',
    '-f',
    'mjpeg',
  ];
  if (isRgbImage(first)) {
    const images = frames.filter(isRgbImage);
    if (images.some((f) => f.widthPx !== first.widthPx || f.heightPx !== first.heightPx)) {
      throw new Error('all frames must have one size');
    }
    const size = `${first.widthPx}x${first.heightPx}`;
    const input = ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', size, '-framerate', String(fps), '-i', '-'];
    await runFfmpeg(
      [...input, ...output, target],
      images.map((f) => f.data),
    );
  } else {
    const jpegs = frames.filter((f): f is Uint8Array => f instanceof Uint8Array);
    const input = ['-f', 'image2pipe', '-c:v', 'mjpeg', '-framerate', String(fps), '-i', '-'];
    await runFfmpeg([...input, ...output, target], jpegs);
  }
  return { path: target, frameCount: frames.length * (CHROMIUM_MJPEG_FPS / fps) };
}

export type TurnMove = 'centre' | 'left' | 'right' | 'up' | 'down';

export interface TurnSegment {
  move: TurnMove;
  /** When the pose is held, seconds from the start of the loop. */
  holdStartS: number;
  holdEndS: number;
  pose: HeadPoseDeg;
}

export interface TurningFaceVideoOptions {
  photo: RgbImage;
  /** A model built earlier from the same photo (saves running Human again). */
  model?: FaceModel;
  fps?: number;
  widthPx?: number;
  heightPx?: number;
  /** How far the head turns left and right (person's own directions). Default 30. */
  turnYawDeg?: number;
  /** How far the head tilts up and down. Default 20. */
  tiltPitchDeg?: number;
  /** Reuse a file rendered earlier from the same inputs (kept in os.tmpdir()). Default true. */
  useCache?: boolean;
}

const FRONTAL_HOLD_S = 1.5;
const MOVE_S = 0.5;
const TURN_HOLD_S = 1.2;
const CENTRE_HOLD_S = 0.4;

/** The loop: frontal, then left, right, up and down, each held and followed by a return to centre. */
export function planTurningLoop(
  turnYawDeg: number,
  tiltPitchDeg: number,
): { segments: TurnSegment[]; loopS: number } {
  const segments: TurnSegment[] = [
    { move: 'centre', holdStartS: 0, holdEndS: FRONTAL_HOLD_S, pose: { yawDeg: 0, pitchDeg: 0 } },
  ];
  const moves: [TurnMove, HeadPoseDeg][] = [
    ['left', { yawDeg: turnYawDeg, pitchDeg: 0 }],
    ['right', { yawDeg: -turnYawDeg, pitchDeg: 0 }],
    ['up', { yawDeg: 0, pitchDeg: tiltPitchDeg }],
    ['down', { yawDeg: 0, pitchDeg: -tiltPitchDeg }],
  ];
  let t = FRONTAL_HOLD_S;
  for (const [move, pose] of moves) {
    segments.push({ move, holdStartS: t + MOVE_S, holdEndS: t + MOVE_S + TURN_HOLD_S, pose });
    t += 2 * MOVE_S + TURN_HOLD_S;
    segments.push({
      move: 'centre',
      holdStartS: t,
      holdEndS: t + CENTRE_HOLD_S,
      pose: { yawDeg: 0, pitchDeg: 0 },
    });
    t += CENTRE_HOLD_S;
  }
  return { segments, loopS: t };
}

/** The pose at time t: held poses as planned, smooth (cosine) moves between consecutive holds. */
export function poseAt(segments: readonly TurnSegment[], timeS: number): HeadPoseDeg {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (!segment) break;
    if (timeS < segment.holdStartS) {
      const previous = segments[i - 1] ?? segment;
      const progress = (timeS - previous.holdEndS) / Math.max(1e-6, segment.holdStartS - previous.holdEndS);
      const eased = (1 - Math.cos(Math.PI * Math.min(1, Math.max(0, progress)))) / 2;
      return {
        yawDeg: previous.pose.yawDeg + (segment.pose.yawDeg - previous.pose.yawDeg) * eased,
        pitchDeg: previous.pose.pitchDeg + (segment.pose.pitchDeg - previous.pose.pitchDeg) * eased,
      };
    }
    if (timeS <= segment.holdEndS) return segment.pose;
  }
  return segments[segments.length - 1]?.pose ?? { yawDeg: 0, pitchDeg: 0 };
}

/** Hash of everything a cached file depends on: the inputs and this directory's own source. */
function hashInputs(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  const dir = path.dirname(new URL(import.meta.url).pathname);
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(readFileSync(path.join(dir, name)));
  }
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}

async function writeThroughCache(
  filePath: string,
  key: string,
  useCache: boolean,
  write: (target: string) => Promise<void>,
): Promise<void> {
  const target = assertUnderTmpdir(filePath);
  const cacheDir = path.join(os.tmpdir(), 'poy-face-render-cache');
  mkdirSync(cacheDir, { recursive: true });
  const cached = path.join(cacheDir, `${key}.mjpeg`);
  if (!useCache || !existsSync(cached)) {
    const partial = path.join(cacheDir, `${key}.${process.pid}.partial.mjpeg`);
    await write(partial);
    renameSync(partial, cached);
  }
  copyFileSync(cached, target);
}

export interface WrittenVideo {
  path: string;
  /** Frames in the file (at Chromium's 30 fps). */
  frameCount: number;
  loopS: number;
}

/** A head that turns left, right, up and down within one loop of about 11.5 s. */
export async function writeTurningFaceVideo(
  filePath: string,
  options: TurningFaceVideoOptions,
): Promise<WrittenVideo & { segments: TurnSegment[] }> {
  const fps = options.fps ?? 15;
  const widthPx = options.widthPx ?? 640;
  const heightPx = options.heightPx ?? 480;
  const { segments, loopS } = planTurningLoop(options.turnYawDeg ?? 30, options.tiltPitchDeg ?? 20);
  const frameCount = Math.round(loopS * fps);
  const key = hashInputs([
    'turning',
    options.photo.data,
    JSON.stringify({ w: options.photo.widthPx, fps, widthPx, heightPx, segments }),
  ]);
  await writeThroughCache(filePath, key, options.useCache ?? true, async (target) => {
    const model = options.model ?? (await buildFaceModel(options.photo));
    const renderedByPose = new Map<string, RgbImage>();
    const frames: RgbImage[] = [];
    let addNoise: ((image: RgbImage, frameNumber: number) => RgbImage) | undefined;
    for (let i = 0; i < frameCount; i++) {
      const pose = poseAt(segments, i / fps);
      const poseKey = `${pose.yawDeg.toFixed(3)},${pose.pitchDeg.toFixed(3)}`;
      let rendered = renderedByPose.get(poseKey);
      if (!rendered) {
        rendered = renderFaceFrame(model, { ...pose, widthPx, heightPx, noiseLevel: 0 });
        renderedByPose.set(poseKey, rendered);
      }
      // Held poses reuse one render; fresh noise keeps every frame's bytes different, as a camera's are.
      addNoise ??= createFrameNoise(rendered, 2, 1);
      frames.push(addNoise(rendered, i));
    }
    await writeFakeCameraVideo(target, frames, fps);
  });
  return {
    path: assertUnderTmpdir(filePath),
    frameCount: frameCount * (CHROMIUM_MJPEG_FPS / fps),
    loopS,
    segments,
  };
}

export interface FlatPhotoVideoOptions {
  photo: RgbImage;
  fps?: number;
  seconds?: number;
  widthPx?: number;
  heightPx?: number;
  /** The photo point held near the centre; default: the face Human finds, else the photo's centre. */
  aimAtPx?: { x: number; y: number };
  useCache?: boolean;
}

/** The attack: the photo as a flat sheet, waved, tilted and turned in front of the camera. */
export async function writeFlatPhotoVideo(
  filePath: string,
  options: FlatPhotoVideoOptions,
): Promise<WrittenVideo> {
  const fps = options.fps ?? 15;
  const seconds = options.seconds ?? 8;
  const widthPx = options.widthPx ?? 640;
  const heightPx = options.heightPx ?? 480;
  const frameCount = Math.round(seconds * fps);
  const key = hashInputs([
    'flat',
    options.photo.data,
    JSON.stringify({
      w: options.photo.widthPx,
      fps,
      seconds,
      widthPx,
      heightPx,
      aim: options.aimAtPx ?? null,
    }),
  ]);
  await writeThroughCache(filePath, key, options.useCache ?? true, async (target) => {
    const aimAtPx = options.aimAtPx ?? (await findFaceCentrePx(options.photo));
    const frames = flatPhotoFrames(options.photo, frameCount, {
      widthPx,
      heightPx,
      photoHeightFraction: 1.6,
      aimAtPx,
    });
    await writeFakeCameraVideo(target, frames, fps);
  });
  return {
    path: assertUnderTmpdir(filePath),
    frameCount: frameCount * (CHROMIUM_MJPEG_FPS / fps),
    loopS: seconds,
  };
}

async function findFaceCentrePx(photo: RgbImage): Promise<{ x: number; y: number } | undefined> {
  const [face] = await detectFacesRgb(await getSharedHuman(), photo);
  return face ? { x: face.box[0] + face.box[2] / 2, y: face.box[1] + face.box[3] / 2 } : undefined;
}

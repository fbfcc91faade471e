// Test material only: ready-made fake-camera videos for the liveness flow: a head that really turns
// (left, right, up, down within one loop) and the attack, a flat photo waved at the camera.
import { detectFacesRgb, getSharedHuman } from './detect-faces.ts';
import { buildFaceModel, type FaceModel } from './face-model.ts';
import { assertUnderTmpdir, CHROMIUM_MJPEG_FPS, writeFakeCameraVideo } from './fake-camera-video.ts';
import { flatPhotoFrames } from './flat-photo-frames.ts';
import { createFrameNoise, renderFaceFrame } from './render-face-frame.ts';
import type { RgbImage } from './rgb-image.ts';
import { planTurningLoop, poseAt, type TurnSegment } from './turning-loop.ts';
import { hashInputs, writeThroughCache } from './video-cache.ts';

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

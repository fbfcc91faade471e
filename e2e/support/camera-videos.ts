// Fake-camera videos for the phone's camera step, written under os.tmpdir() (rendered once and kept in
// the face-render cache there): the astronaut's 3-D head turning, a group-photo person on a plain wall
// turning, and the attack, the astronaut's photo waved as a flat sheet.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPlainBackdrop } from '../../apps/server/test/support/camera-person.ts';
import { buildFaceModel } from '../../apps/server/test/support/face-render/face-model.ts';
import {
  writeFlatPhotoVideo,
  writeTurningFaceVideo,
} from '../../apps/server/test/support/face-render/liveness-videos.ts';
import {
  ASTRONAUT_PHOTO_PATH,
  readPhotoRgb,
  resolveGroupPhotoPath,
} from '../../apps/server/test/support/face-render/rgb-image.ts';

async function videoPath(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'poy-e2e-camera-'));
  return join(dir, `${name}.mjpeg`);
}

export async function writeTurningAstronautVideo(): Promise<string> {
  const written = await writeTurningFaceVideo(await videoPath('turning-astronaut'), {
    photo: readPhotoRgb(ASTRONAUT_PHOTO_PATH),
  });
  return written.path;
}

/** Another person: a face of a group photo, alone on a plain wall (the others must not show). */
export async function writeTurningGroupPersonVideo(sample: number, faceIndex: number): Promise<string> {
  const photo = readPhotoRgb(resolveGroupPhotoPath(sample));
  const model = withPlainBackdrop(await buildFaceModel(photo, { faceIndex }));
  const written = await writeTurningFaceVideo(await videoPath(`turning-sample${sample}-${faceIndex}`), {
    photo,
    model,
    // This face's measured pose lags the rendered one: a wider turn and nod reach the page's thresholds.
    turnYawDeg: 40,
    tiltPitchDeg: 28,
    // The cache key is the photo, not the model: this backdrop must not reuse another render.
    useCache: false,
  });
  return written.path;
}

export async function writeFlatAstronautVideo(): Promise<string> {
  const written = await writeFlatPhotoVideo(await videoPath('flat-astronaut'), {
    photo: readPhotoRgb(ASTRONAUT_PHOTO_PATH),
  });
  return written.path;
}

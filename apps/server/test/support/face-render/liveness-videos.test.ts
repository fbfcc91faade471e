// The ready-made fake-camera videos, read back as a browser would get them and, for the turning head,
// measured by Human.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { detectFacesRgb, getSharedHuman, readHumanAnglesDeg } from './detect-faces.ts';
import { CHROMIUM_MJPEG_FPS } from './fake-camera-video.ts';
import { writeFlatPhotoVideo, writeTurningFaceVideo } from './liveness-videos.ts';
import { extractFrameJpeg, probeVideo } from './probe-video.ts';
import { ASTRONAUT_PHOTO_PATH, decodeJpegRgb, readPhotoRgb } from './rgb-image.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'poy-liveness-videos-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

describe('writeTurningFaceVideo and writeFlatPhotoVideo', () => {
  it('a turning head: the left hold shows Human yaw < 0 (its sign for the person’s own left)', async (t) => {
    const photo = readPhotoRgb(ASTRONAUT_PHOTO_PATH);
    const written = await writeTurningFaceVideo(path.join(workDir, 'turning.mjpeg'), {
      photo,
      fps: 5,
      useCache: false,
    });
    const probe = probeVideo(written.path);
    assert.deepEqual(probe, { codec: 'mjpeg', widthPx: 640, heightPx: 480, frames: written.frameCount });
    assert.equal(written.frameCount, Math.round(written.loopS * 5) * 6);
    const left = written.segments.find((s) => s.move === 'left');
    assert.ok(left);
    const middleFrame = Math.round(((left.holdStartS + left.holdEndS) / 2) * CHROMIUM_MJPEG_FPS);
    const [face] = await detectFacesRgb(
      await getSharedHuman(),
      decodeJpegRgb(extractFrameJpeg(written.path, middleFrame)),
    );
    assert.ok(face, 'no face in the left hold');
    const { yawDeg } = readHumanAnglesDeg(face);
    t.diagnostic(`left hold (rendered yaw +30°): Human yaw ${yawDeg.toFixed(1)}°`);
    assert.ok(yawDeg < -15);
  });

  it('a waved flat photo', async () => {
    const written = await writeFlatPhotoVideo(path.join(workDir, 'flat.mjpeg'), {
      photo: readPhotoRgb(ASTRONAUT_PHOTO_PATH),
      fps: 5,
      seconds: 2,
      widthPx: 320,
      heightPx: 240,
      aimAtPx: { x: 224, y: 120 },
      useCache: false,
    });
    assert.deepEqual(probeVideo(written.path), { codec: 'mjpeg', widthPx: 320, heightPx: 240, frames: 60 });
  });
});

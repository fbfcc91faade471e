import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CHROMIUM_MJPEG_FPS, writeFakeCameraVideo } from './fake-camera-video.ts';
import { extractFrameJpeg, probeVideo } from './probe-video.ts';
import { createRgbImage, decodeJpegRgb, encodeJpegRgb } from './rgb-image.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'poy-fake-camera-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

function solidFrame(level: number) {
  const frame = createRgbImage(64, 48);
  frame.data.fill(level);
  return frame;
}

describe('writeFakeCameraVideo', () => {
  it('writes RGB frames as MJPEG at Chromium’s 30 fps, each 15 fps frame twice', async () => {
    const frames = [0, 60, 120, 180, 240].map(solidFrame);
    const written = await writeFakeCameraVideo(path.join(workDir, 'rgb.mjpeg'), frames, 15);
    assert.equal(written.frameCount, 10);
    assert.deepEqual(probeVideo(written.path), { codec: 'mjpeg', widthPx: 64, heightPx: 48, frames: 10 });
    // Frame order survives: the third source frame (level 120) is file frames 4 and 5.
    const fourth = decodeJpegRgb(extractFrameJpeg(written.path, 4));
    assert.ok(Math.abs((fourth.data[0] ?? 0) - 120) < 6);
  });

  it('takes JPEG frames as well', async () => {
    const frames = [10, 200, 90].map((level) => encodeJpegRgb(solidFrame(level)));
    const written = await writeFakeCameraVideo(path.join(workDir, 'jpeg.mjpeg'), frames, 10);
    assert.equal(probeVideo(written.path).frames, 3 * (CHROMIUM_MJPEG_FPS / 10));
  });

  it('refuses to write outside the temp directory', async () => {
    await assert.rejects(
      // Beside the temp directory, not the working directory: a checkout may itself live under /tmp.
      writeFakeCameraVideo(path.join(path.dirname(os.tmpdir()), 'x.mjpeg'), [solidFrame(0)], 15),
      /under/,
    );
  });
});

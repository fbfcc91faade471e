import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { z } from 'zod';
import { detectFacesRgb, getSharedHuman, readHumanAnglesDeg } from './detect-faces.ts';
import {
  CHROMIUM_MJPEG_FPS,
  planTurningLoop,
  poseAt,
  writeFakeCameraVideo,
  writeFlatPhotoVideo,
  writeTurningFaceVideo,
} from './fake-camera-video.ts';
import {
  ASTRONAUT_PHOTO_PATH,
  createRgbImage,
  decodeJpegRgb,
  encodeJpegRgb,
  readPhotoRgb,
} from './rgb-image.ts';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'poy-fake-camera-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

const probeSchema = z.object({
  streams: z.array(
    z.object({ codec_name: z.string(), width: z.number(), height: z.number(), nb_read_frames: z.string() }),
  ),
});

function probeVideo(filePath: string) {
  const result = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,nb_read_frames',
      '-of',
      'json',
      filePath,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  const [stream] = probeSchema.parse(JSON.parse(result.stdout)).streams;
  assert.ok(stream, 'no video stream');
  return {
    codec: stream.codec_name,
    widthPx: stream.width,
    heightPx: stream.height,
    frames: Number(stream.nb_read_frames),
  };
}

/** One frame of the file, as JPEG bytes. */
function extractFrame(filePath: string, frameNumber: number): Uint8Array {
  const result = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-f',
      'mjpeg',
      '-i',
      filePath,
      '-vf',
      `select=eq(n\\,${frameNumber})`,
      '-frames:v',
      '1',
      '-f',
      'mjpeg',
      '-',
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout;
}

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
    const fourth = decodeJpegRgb(extractFrame(written.path, 4));
    assert.ok(Math.abs((fourth.data[0] ?? 0) - 120) < 6);
  });

  it('takes JPEG frames as well', async () => {
    const frames = [10, 200, 90].map((level) => encodeJpegRgb(solidFrame(level)));
    const written = await writeFakeCameraVideo(path.join(workDir, 'jpeg.mjpeg'), frames, 10);
    assert.equal(probeVideo(written.path).frames, 3 * (CHROMIUM_MJPEG_FPS / 10));
  });

  it('refuses to write outside the temp directory', async () => {
    await assert.rejects(
      writeFakeCameraVideo(path.join(process.cwd(), 'x.mjpeg'), [solidFrame(0)], 15),
      /under/,
    );
  });
});

describe('planTurningLoop', () => {
  it('holds centre, left, right, up and down within one loop of 10–12 s', () => {
    const { segments, loopS } = planTurningLoop(30, 20);
    assert.ok(loopS >= 10 && loopS <= 12, `loop of ${loopS} s`);
    assert.deepEqual(
      segments.map((s) => s.move).filter((m) => m !== 'centre'),
      ['left', 'right', 'up', 'down'],
    );
    for (const segment of segments) {
      assert.deepEqual(poseAt(segments, (segment.holdStartS + segment.holdEndS) / 2), segment.pose);
    }
    assert.ok(segments.every((s) => s.holdEndS - s.holdStartS >= 0.4));
  });
});

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
      decodeJpegRgb(extractFrame(written.path, middleFrame)),
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

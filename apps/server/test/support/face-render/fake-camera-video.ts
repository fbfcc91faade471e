// Test material only: MJPEG files for Chromium's fake camera (--use-file-for-fake-video-capture).
// Written with Debian's ffmpeg, only under os.tmpdir() (no test image ever lands elsewhere).
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RgbImage } from './rgb-image.ts';

/** Chromium plays an .mjpeg file at a fixed 30 frames per second (its file capture device has no rate). */
export const CHROMIUM_MJPEG_FPS = 30;

function isRgbImage(frame: RgbImage | Uint8Array): frame is RgbImage {
  return !(frame instanceof Uint8Array);
}

export function assertUnderTmpdir(filePath: string): string {
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

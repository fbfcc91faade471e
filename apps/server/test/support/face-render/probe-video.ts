// Test material only: what ffprobe and ffmpeg read back from a written video.
import { spawnSync } from 'node:child_process';
import { z } from 'zod';

const probeSchema = z.object({
  streams: z.array(
    z.object({ codec_name: z.string(), width: z.number(), height: z.number(), nb_read_frames: z.string() }),
  ),
});

export function probeVideo(filePath: string) {
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
  if (result.status !== 0) throw new Error(`ffprobe failed: ${result.stderr}`);
  const [stream] = probeSchema.parse(JSON.parse(result.stdout)).streams;
  if (!stream) throw new Error('no video stream');
  return {
    codec: stream.codec_name,
    widthPx: stream.width,
    heightPx: stream.height,
    frames: Number(stream.nb_read_frames),
  };
}

/** One frame of the file, as JPEG bytes. */
export function extractFrameJpeg(filePath: string, frameNumber: number): Uint8Array {
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
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${result.stderr.toString()}`);
  return result.stdout;
}

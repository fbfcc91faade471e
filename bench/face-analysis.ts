// `npm run bench:face-analysis`: what server-side face analysis costs. Frames are 640×480 JPEGs of a
// rendered head at the poses a verification asks for (test/support/face-render). Reports:
//   - ms per frame on one thread, split into JPEG decode and the whole pipeline (decode → detect →
//     mesh and pose → embedding), as wall time and as this process's CPU time;
//   - verifications per core-second, assuming 5 frames per verification;
//   - through createFaceAnalyzer: wall ms per frame with 1 and with 2 threads, batches of 5 frames
//     submitted 8 at a time, and the memory each thread adds.
// Wall times move with other load on a shared machine; CPU time much less. Options: --frames <n>
// (frames timed on one thread, default 40).
import { parseArgs } from 'node:util';
import { analyzeFrame } from '../apps/server/src/face/analyze-frame.ts';
import { createFaceAnalyzer } from '../apps/server/src/face/create-face-analyzer.ts';
import { decodeJpegFrame } from '../apps/server/src/face/decode-jpeg-frame.ts';
import { loadHumanRuntime } from '../apps/server/src/face/human-runtime.ts';
import { getSharedHuman } from '../apps/server/test/support/face-render/detect-faces.ts';
import { buildFaceModel } from '../apps/server/test/support/face-render/face-model.ts';
import { renderFramesJpeg } from '../apps/server/test/support/face-render/render-face-frame.ts';
import { ASTRONAUT_PHOTO_PATH, readPhotoRgb } from '../apps/server/test/support/face-render/rgb-image.ts';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '40' } } });
const frameCount = Number(values.frames);
const FRAMES_PER_VERIFICATION = 5;

const model = await buildFaceModel(readPhotoRgb(ASTRONAUT_PHOTO_PATH), { human: await getSharedHuman() });
const poses = [
  { yawDeg: 0, pitchDeg: 0 },
  { yawDeg: 20, pitchDeg: 0 },
  { yawDeg: -20, pitchDeg: 0 },
  { yawDeg: 0, pitchDeg: 15 },
  { yawDeg: 0, pitchDeg: -15 },
];
const verificationFrames = renderFramesJpeg(model, poses, 85).map((frame) => new Uint8Array(frame));
const frameAt = (index: number): Uint8Array =>
  verificationFrames[index % verificationFrames.length] ?? new Uint8Array();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timeEach(run: (index: number) => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < frameCount; index++) {
    const startWall = performance.now();
    const startCpu = cpuMs();
    await run(index);
    wall.push(performance.now() - startWall);
    cpu.push(cpuMs() - startCpu);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const human = await loadHumanRuntime();
// Warm-up: the first inferences allocate each model's buffers.
for (let index = 0; index < 5; index++) await analyzeFrame(human, frameAt(index));
const decode = await timeEach((index) => decodeJpegFrame(frameAt(index)));
const whole = await timeEach((index) => analyzeFrame(human, frameAt(index)));

async function timePool(threads: number): Promise<{ wallMsPerFrame: number; rssMbPerThread: number }> {
  const rssBefore = process.memoryUsage().rss;
  const analyzer = createFaceAnalyzer({ threads });
  await analyzer.whenReady();
  const rssMbPerThread = (process.memoryUsage().rss - rssBefore) / 1_048_576 / threads;
  try {
    const verification = Array.from({ length: FRAMES_PER_VERIFICATION }, (_, index) => frameAt(index));
    await analyzer.analyzeFrames(verification);
    const rounds = 3;
    const wall: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      await Promise.all(Array.from({ length: 8 }, () => analyzer.analyzeFrames(verification)));
      wall.push((performance.now() - started) / (8 * FRAMES_PER_VERIFICATION));
    }
    return { wallMsPerFrame: median(wall), rssMbPerThread };
  } finally {
    await analyzer.close();
  }
}

const oneThread = await timePool(1);
const twoThreads = await timePool(2);
const f = (value: number) => value.toFixed(0);
process.stdout.write(
  [
    `640×480 JPEG frames (${verificationFrames.map((frame) => `${Math.round(frame.length / 1024)} KB`).join(', ')}), median of ${frameCount}:`,
    `  decode only:                 ${f(decode.wallMs)} ms wall, ${f(decode.cpuMs)} ms CPU per frame`,
    `  decode + detect + mesh + embedding: ${f(whole.wallMs)} ms wall, ${f(whole.cpuMs)} ms CPU per frame`,
    `  verifications per core-second (${FRAMES_PER_VERIFICATION} frames each): ${(1000 / (FRAMES_PER_VERIFICATION * whole.cpuMs)).toFixed(2)}`,
    'createFaceAnalyzer, 8 verifications of 5 frames at once (median of 3 rounds):',
    `  1 thread:  ${f(oneThread.wallMsPerFrame)} ms wall per frame; ~${f(oneThread.rssMbPerThread)} MB RSS per thread`,
    `  2 threads: ${f(twoThreads.wallMsPerFrame)} ms wall per frame; ~${f(twoThreads.rssMbPerThread)} MB RSS per thread`,
    '',
  ].join('\n'),
);

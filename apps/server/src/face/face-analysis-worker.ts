// Entry point of one face-analysis thread (started by create-face-analyzer.ts): loads Human's models
// once, warms them up, then analyses one frame at a time. Frames arrive as bytes, stay in this thread's
// memory while analysed and are never written, logged or sent anywhere but back as numbers.
import * as tf from '@tensorflow/tfjs-core';
import type { Human } from '@vladmandic/human';
import { z } from 'zod';
import type { FrameAnalysis } from '../core/liveness/face-analyzer.ts';
import { analyzeFrame } from './analyze-frame.ts';
import { loadHumanRuntime } from './human-runtime.ts';
import { serveWorkerTasks } from './worker-protocol.ts';

const taskSchema = z.object({ taskId: z.number(), input: z.instanceof(Uint8Array) });

/** Returns the embeddings' buffers so they move to the server's thread instead of being copied. */
function transferablesOf(analysis: FrameAnalysis): ArrayBuffer[] {
  if (!analysis.ok) return [];
  const buffers: ArrayBuffer[] = [];
  for (const face of analysis.faces) {
    if (face.embedding && face.embedding.buffer instanceof ArrayBuffer) buffers.push(face.embedding.buffer);
  }
  return buffers;
}

/**
 * Runs every loaded model once on zeros: the first inference of each allocates its kernels and
 * buffers, which is paid here at start rather than by a person's first frame. (Human's own warm-up
 * needs a canvas or tfjs-node, neither of which the server has.)
 */
function warmUpModels(human: Human): void {
  for (const model of Object.values(human.models.models)) {
    if (!model) continue;
    const shape = (model.inputs[0]?.shape ?? [1, 64, 64, 3]).map((size, dim) =>
      size === -1 ? (dim === 0 ? 1 : 64) : size,
    );
    tf.tidy(() => {
      model.execute(tf.zeros(shape, model.inputs[0]?.dtype ?? 'float32'));
    });
  }
}

await serveWorkerTasks<Uint8Array, FrameAnalysis>(
  async () => {
    const human = await loadHumanRuntime();
    warmUpModels(human);
    return async (frameJpeg) => {
      const output = await analyzeFrame(human, frameJpeg);
      return { output, transfer: transferablesOf(output) };
    };
  },
  (value) => taskSchema.parse(value),
);

// One frame through the whole pipeline on the calling thread: decode, detect, mesh and pose,
// embedding. Runs inside a face-analysis worker thread (face-analysis-worker.ts), never on the server's
// event loop. The pixels live only in this function's memory and the tensors it disposes.
import * as tf from '@tensorflow/tfjs-core';
import type { Human } from '@vladmandic/human';
import type { FrameAnalysis } from '../core/liveness/face-analyzer.ts';
import { decodeJpegFrame } from './decode-jpeg-frame.ts';
import { toFaceObservation } from './face-observation.ts';

export async function analyzeFrame(human: Human, frameJpeg: Uint8Array): Promise<FrameAnalysis> {
  const decoded = decodeJpegFrame(frameJpeg);
  if (!decoded.ok) return decoded;
  const { widthPx, heightPx, rgb } = decoded.frame;
  const input = tf.tensor3d(rgb, [heightPx, widthPx, 3], 'int32');
  try {
    const result = await human.detect(input);
    // Human reports failures in the result rather than throwing.
    if (result.error) throw new Error(`face analysis failed: ${result.error}`);
    for (const face of result.face) face.tensor?.dispose();
    return { ok: true, widthPx, heightPx, faces: result.face.map(toFaceObservation) };
  } finally {
    input.dispose();
  }
}

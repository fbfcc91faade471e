// What a face-analysis thread may answer, checked on the way back to the server's thread.
import { z } from 'zod';
import type { FrameAnalysis } from '../core/liveness/face-analyzer.ts';

const faceObservationSchema = z.object({
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  detectionScore: z.number(),
  yawDeg: z.number(),
  pitchDeg: z.number(),
  rollDeg: z.number(),
  embedding: z.instanceof(Float32Array).nullable(),
});

const frameAnalysisSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    widthPx: z.number().int(),
    heightPx: z.number().int(),
    faces: z.array(faceObservationSchema),
  }),
  z.object({ ok: z.literal(false), problem: z.enum(['not_a_jpeg', 'image_too_large', 'image_too_small']) }),
]);

export function parseFrameAnalysis(value: unknown): FrameAnalysis {
  return frameAnalysisSchema.parse(value);
}

// The server's FaceAnalyzer: every frame is analysed on a worker thread so that decoding and inference
// (hundreds of milliseconds of CPU per frame) never block the event loop, with a hard cap on frames
// waiting so a burst of uploads is refused ("busy") instead of piling up in memory.
import type { FaceAnalyzer, FrameAnalysis } from '../core/liveness/face-analyzer.ts';
import { parseFrameAnalysis } from './frame-analysis-schema.ts';
import { createWorkerPool } from './worker-pool.ts';

export {
  WorkerPoolBusyError as FaceAnalysisBusyError,
  WorkerTaskError as FaceAnalysisError,
} from './worker-pool.ts';

/** Human's version and the description model the embeddings come from (see human-runtime.ts). */
export const FACE_MODEL_VERSION = 'human-3.3.6-faceres';

export interface FaceAnalyzerOptions {
  /** Worker threads, each with its own copy of the models (~50 MB); default 1. */
  threads?: number;
  /** Frames that may wait for a thread (default 8 verifications of 5 frames per thread). */
  maxQueuedFrames?: number;
}

export interface FaceAnalyzerPool extends FaceAnalyzer {
  /** Resolves once every thread has loaded and warmed up its models; rejects if one cannot. */
  whenReady(): Promise<void>;
}

export function createFaceAnalyzer(options: FaceAnalyzerOptions = {}): FaceAnalyzerPool {
  const threads = options.threads ?? 1;
  const pool = createWorkerPool<Uint8Array, FrameAnalysis>({
    workerUrl: new URL('./face-analysis-worker.ts', import.meta.url),
    threads,
    maxQueuedTasks: options.maxQueuedFrames ?? 40 * threads,
    parseOutput: parseFrameAnalysis,
  });
  return {
    modelVersion: FACE_MODEL_VERSION,
    analyzeFrames: (framesJpeg) => Promise.all(pool.run(framesJpeg)),
    whenReady: () => pool.whenReady(),
    close: () => pool.close(),
  };
}

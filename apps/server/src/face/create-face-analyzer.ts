// The server's FaceAnalyzer: every frame is analysed on a worker thread so that decoding and inference
// (hundreds of milliseconds of CPU per frame) never block the event loop, with a hard cap on frames
// waiting so a burst of uploads is refused ("busy") instead of piling up in memory.
import type { FaceAnalyzer, FrameAnalysis } from '../core/liveness/face-analyzer.ts';
import { DIST_DIR, RUNS_COMPILED } from '../server-root.ts';
import { parseFrameAnalysis } from './frame-analysis-schema.ts';
import { createWorkerPool, type WorkerPool } from './worker-pool.ts';

export {
  WorkerPoolBusyError as FaceAnalysisBusyError,
  WorkerTaskError as FaceAnalysisError,
} from './worker-pool.ts';

/** Human's version and the description model the embeddings come from (see human-runtime.ts). */
export const FACE_MODEL_VERSION = 'human-3.3.6-faceres';

export interface FaceAnalyzerOptions {
  /** Worker threads, each with its own copy of the models (~100–140 MB RSS); default 1. */
  threads?: number;
  /** Frames that may wait for a thread (default 8 verifications of 5 frames per thread). */
  maxQueuedFrames?: number;
  /** When false, idle threads do not keep the process alive (one pool shared by a test process). */
  keepProcessAlive?: boolean;
}

export interface FaceAnalyzerPool extends FaceAnalyzer {
  /**
   * Starts the threads if they are not running yet; resolves once every thread has loaded and warmed
   * up its models (a few seconds), rejects if one cannot.
   */
  whenReady(): Promise<void>;
}

/**
 * No thread starts until the first frame or whenReady(): a process that never verifies (tests, an
 * API replica behind a separate verifier) never loads the models; a server that wants them warm before
 * its first visitor calls whenReady() at start.
 */
export function createFaceAnalyzer(options: FaceAnalyzerOptions = {}): FaceAnalyzerPool {
  const threads = options.threads ?? 1;
  let pool: WorkerPool<Uint8Array, FrameAnalysis> | null = null;
  let closed = false;
  const startedPool = (): WorkerPool<Uint8Array, FrameAnalysis> => {
    if (closed) throw new Error('face analysis is closed');
    pool ??= createWorkerPool<Uint8Array, FrameAnalysis>({
      workerUrl: RUNS_COMPILED
        ? new URL('face-analysis-worker.js', DIST_DIR)
        : new URL('./face-analysis-worker.ts', import.meta.url),
      threads,
      maxQueuedTasks: options.maxQueuedFrames ?? 40 * threads,
      parseOutput: parseFrameAnalysis,
      ...(options.keepProcessAlive === undefined ? {} : { keepProcessAlive: options.keepProcessAlive }),
    });
    return pool;
  };
  return {
    modelVersion: FACE_MODEL_VERSION,
    analyzeFrames: async (framesJpeg) => Promise.all(startedPool().run(framesJpeg)),
    whenReady: async () => startedPool().whenReady(),
    close: async () => {
      closed = true;
      await pool?.close();
    },
  };
}

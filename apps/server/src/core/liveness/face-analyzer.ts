// What core needs from face analysis, and nothing of how it is done (src/face/ implements it on worker
// threads). The frames are the person's camera images: they exist only in memory while analysed, and
// no implementation may write them to disk, a log or the database (docs/liveness.md §5).

/** Head pose in degrees, in the person's own frame of reference (see the fields). */
export interface HeadPose {
  /** > 0 when the person turns their head to their OWN left (nose towards the right of an unmirrored image). */
  yawDeg: number;
  /** > 0 when the person looks up. */
  pitchDeg: number;
  /** > 0 when the head tilts towards the person's own left shoulder (top of the head to the image's right); informational only. */
  rollDeg: number;
}

export interface FaceObservation extends HeadPose {
  /** Where the face is, as fractions (0–1) of the frame's width and height. */
  box: { x: number; y: number; width: number; height: number };
  /** Detector confidence, 0–1. */
  detectionScore: number;
  /** The face embedding, L2-normalised (length 1), or null when the face could not be described. */
  embedding: Float32Array | null;
}

export type FrameAnalysis =
  | { ok: true; widthPx: number; heightPx: number; faces: FaceObservation[] }
  | { ok: false; problem: 'not_a_jpeg' | 'image_too_large' | 'image_too_small' };

export interface FaceAnalyzer {
  /** Names the embedding model; stored with every template so templates of two models are never compared. */
  readonly modelVersion: string;
  /** Analyses each frame (JPEG bytes) independently; the answer has one entry per frame, in order. */
  analyzeFrames(framesJpeg: readonly Uint8Array[]): Promise<FrameAnalysis[]>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

// The camera step's capture (docs/camera-check-page.md): the front camera, Human running in the
// browser on a snapshot of each video frame, and the frames the server asks for: one looking straight
// ahead, then one per issued move. phone.js loads this module with import() only when the person starts
// the step, and this module loads Human the same way, so the first page stays small. Human, its models
// and the .wasm binaries come from our own origin (/assets/face/), never from a CDN. Frames live in
// memory only until they are uploaded; nothing is stored in the browser.
import { createPoseJudge, readPose } from './camera-pose.js';

const FACE_ASSETS = '/assets/face/';
const MAX_FRAME_WIDTH_PX = 640;
/** The contract's quality first; lower only if a frame would exceed the server's maxFrameBytes. */
const JPEG_QUALITIES = [0.85, 0.7, 0.55];
/** A face lost for longer than this stops the attempt (a short loss mid-turn is normal). */
const NO_FACE_GRACE_MS = 2000;
/** Two faces in this many analyses in a row stop the attempt (one could be a detector blip). */
const MANY_FACES_ANALYSES = 2;
/** Below this a detection is not counted as a face (photos on a wall, patterns). */
const MIN_FACE_SCORE = 0.5;

// Face detector and mesh only (the mesh gives yaw and pitch). The detector looks for two faces so that
// a second person in view is noticed, and runs at least twice a second even while it tracks one face.
const HUMAN_CONFIG = {
  backend: 'wasm',
  modelBasePath: `${FACE_ASSETS}models/`,
  wasmPath: `${FACE_ASSETS}wasm/`,
  wasmPlatformFetch: false,
  cacheModels: false,
  warmup: 'none',
  async: true,
  debug: false,
  filter: { enabled: false },
  face: {
    enabled: true,
    detector: {
      rotation: false,
      maxDetected: 2,
      minConfidence: 0.3,
      skipFrames: 5,
      skipTime: 500,
      return: false,
    },
    mesh: { enabled: true },
    iris: { enabled: false },
    attention: { enabled: false },
    description: { enabled: false },
    emotion: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
};

let loadingHuman = null;

/** Human with its face models loaded; the download happens once per page. */
export function loadFaceModel() {
  loadingHuman ??= (async () => {
    const { Human } = await import(`${FACE_ASSETS}human.esm.js`);
    const human = new Human(HUMAN_CONFIG);
    await human.load();
    return human;
  })();
  // A failed download may be retried.
  loadingHuman.catch(() => {
    loadingHuman = null;
  });
  return loadingHuman;
}

/** kind: 'denied' (permission refused), 'no-camera' (none, or none usable), 'failed' (busy, other). */
export class CameraError extends Error {
  constructor(kind) {
    super(kind);
    this.name = 'CameraError';
    this.kind = kind;
  }
}

function cameraErrorKind(error) {
  if (error?.name === 'NotAllowedError' || error?.name === 'SecurityError') return 'denied';
  if (error?.name === 'NotFoundError' || error?.name === 'OverconstrainedError') return 'no-camera';
  return 'failed';
}

/** Starts the front camera in `video`. Returns `{ stop() }`; rejects with CameraError. */
export async function openCamera(video) {
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function') throw new CameraError('no-camera');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
    });
  } catch (error) {
    throw new CameraError(cameraErrorKind(error));
  }
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    if (video.srcObject === stream) video.srcObject = null;
  };
  try {
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
    if (video.videoWidth === 0) {
      await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
    }
  } catch {
    stop();
    throw new CameraError('failed');
  }
  return { stop };
}

function nextVideoFrame(video, signal) {
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback(done);
    else requestAnimationFrame(done);
  });
}

/** The current video frame, unmirrored, at most 640 px wide: what is analysed is what is sent. */
function snapshot(video, canvas) {
  const width = Math.min(MAX_FRAME_WIDTH_PX, video.videoWidth);
  const height = Math.round((video.videoHeight * width) / video.videoWidth);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.getContext('2d', { willReadFrequently: true }).drawImage(video, 0, 0, width, height);
}

function toJpeg(canvas, quality) {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))),
      'image/jpeg',
      quality,
    );
  });
}

function toBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Base64 JPEG without a data: prefix, within maxFrameBytes when a lower quality allows it. */
async function encodeFrame(canvas, maxFrameBytes) {
  let blob = null;
  for (const quality of JPEG_QUALITIES) {
    blob = await toJpeg(canvas, quality);
    if (!(maxFrameBytes > 0) || blob.size <= maxFrameBytes) break;
  }
  return toBase64(blob);
}

/**
 * One person's capture with one video: `run()` takes the frames of a challenge, and can be called again
 * after it stopped: after a timeout it resumes at the move that timed out; `restart()` first starts
 * over from the centre frame (after a lost face or a second face, or for a new challenge).
 */
export function createCaptureSession({ human, video }) {
  const canvas = document.createElement('canvas');
  const judge = createPoseJudge();
  let frames = [];

  return {
    restart() {
      frames = [];
      judge.reset();
    },

    /**
     * Resolves to `{ outcome }`: 'done' (with `frames`), 'timeout' (with `move`), 'no-face',
     * 'many-faces', 'expired' (the challenge's time is up) or 'stopped' (signal aborted).
     * onUpdate receives `{ target, index, total }` when a new frame is wanted, `{ remainingMs }` during
     * a move, and `{ hint }` when what to tell the person changes.
     */
    async run({ moves, moveTimeoutMs, deadlineMs, maxFrameBytes, signal, onUpdate }) {
      const targets = ['center', ...moves];
      let targetStartMs = performance.now();
      let lastFaceMs = targetStartMs;
      let manyFaces = 0;
      let hint;
      const setHint = (next) => {
        if (next === hint) return;
        hint = next;
        onUpdate({ hint });
      };
      const announce = () => {
        const index = frames.length;
        targetStartMs = performance.now();
        judge.restartHold();
        onUpdate({ target: targets[index], index, total: moves.length });
        setHint(null);
      };
      announce();
      while (frames.length < targets.length) {
        await nextVideoFrame(video, signal);
        if (signal.aborted) return { outcome: 'stopped' };
        if (Date.now() >= deadlineMs) return { outcome: 'expired' };
        const target = targets[frames.length];
        snapshot(video, canvas);
        const result = await human.detect(canvas);
        if (signal.aborted) return { outcome: 'stopped' };
        const nowMs = performance.now();
        if (target !== 'center') {
          const remainingMs = Math.max(0, moveTimeoutMs - (nowMs - targetStartMs));
          onUpdate({ remainingMs });
          if (remainingMs === 0) return { outcome: 'timeout', move: target };
        }
        const faces = (result?.face ?? []).filter((face) => (face.score ?? 0) >= MIN_FACE_SCORE);
        if (faces.length > 1) {
          manyFaces += 1;
          if (manyFaces >= MANY_FACES_ANALYSES) return { outcome: 'many-faces' };
          continue;
        }
        manyFaces = 0;
        const pose = faces.length === 1 ? readPose(faces[0]) : null;
        if (pose === null) {
          judge.restartHold();
          if (nowMs - lastFaceMs > NO_FACE_GRACE_MS) return { outcome: 'no-face' };
          setHint('no-face');
          continue;
        }
        lastFaceMs = nowMs;
        const verdict = judge.judge(target, pose);
        if (!verdict.capture) {
          setHint(verdict.hint);
          continue;
        }
        frames.push({ move: target, image: await encodeFrame(canvas, maxFrameBytes) });
        if (frames.length < targets.length) announce();
      }
      return { outcome: 'done', frames: [...frames] };
    },
  };
}

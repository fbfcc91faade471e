// The face model the camera step runs in the browser (Human, its face detector and mesh models, and the
// TensorFlow.js WebAssembly binaries), served from our own origin: the page never loads code or weights
// from a CDN. Threat: these files live in node_modules, beside much that must not be served; a crafted
// URL must never reach any other file. So the routes look a name up in this fixed table of absolute
// paths, built here from the two packages; nothing taken from a URL is ever joined onto a path.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FaceAssetFile {
  /** Absolute path on disk. */
  path: string;
  contentType: string;
}

/** Where the page imports Human from, and Human's `modelBasePath` / `wasmPath` (camera.js). */
export const FACE_ASSET_PREFIX = '/assets/face/';

/**
 * Face detector and mesh only: the mesh gives the head's yaw and pitch. No iris (the page does not
 * check blinks), no description, emotion, body or hands.
 */
export const FACE_MODEL_NAMES = ['blazeface', 'facemesh'] as const;

/**
 * Every .wasm of the backend. Only the SIMD and plain builds can run on the phone page: the threaded
 * one needs SharedArrayBuffer, i.e. a cross-origin-isolated page, which ours is not; it is listed so
 * that the backend's own feature check never meets a 404.
 */
const WASM_FILE_NAMES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

function packageDir(specifier: string): string {
  return dirname(fileURLToPath(import.meta.resolve(specifier)));
}

/** URL path under FACE_ASSET_PREFIX (e.g. `models/blazeface.json`) → the file it serves. */
export function listFaceAssetFiles(): ReadonlyMap<string, FaceAssetFile> {
  // Both entry points sit in the package's dist/ folder.
  const humanDist = packageDir('@vladmandic/human');
  const humanModels = join(humanDist, '..', 'models');
  const wasmDist = packageDir('@tensorflow/tfjs-backend-wasm');
  const files = new Map<string, FaceAssetFile>();
  files.set('human.esm.js', {
    path: join(humanDist, 'human.esm.js'),
    contentType: 'text/javascript; charset=utf-8',
  });
  for (const model of FACE_MODEL_NAMES) {
    files.set(`models/${model}.json`, {
      path: join(humanModels, `${model}.json`),
      contentType: 'application/json; charset=utf-8',
    });
    files.set(`models/${model}.bin`, {
      path: join(humanModels, `${model}.bin`),
      contentType: 'application/octet-stream',
    });
  }
  for (const name of WASM_FILE_NAMES) {
    // application/wasm lets the browser compile while it downloads (instantiateStreaming).
    files.set(`wasm/${name}`, { path: join(wasmDist, name), contentType: 'application/wasm' });
  }
  return files;
}

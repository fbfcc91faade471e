// A face template is the L2-normalised mean of one person's per-frame face embeddings: a biometric.
// Threat: a copy of the database (backup, replica, dump) must not yield usable biometrics, and a sealed
// template moved onto another human's row (to make an impostor's face "belong" to a verified human,
// or to hide a duplicate) must not open. So templates are sealed with AES-256-GCM under a key derived
// from POY_SECRET_KEY (secrets.ts, `faceTemplateKey`), with the human id, mode and model version as
// associated data. Opening checks that binding; a mismatch throws SealedSecretError.
// Bytes: float32 little-endian, whatever the platform, so a sealed template reads the same anywhere.
import type { KeyMode } from '../../store/store.ts';
import { openBytes, sealBytes } from '../sealed-secret.ts';

export class FaceTemplateError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FaceTemplateError';
  }
}

/** What a sealed template is bound to: opening it for any other human, mode or model fails. */
export interface FaceTemplateBinding {
  humanId: string;
  mode: KeyMode;
  modelVersion: string;
}

// A normalised vector's length is 1; allow float32 rounding of a long sum, refuse anything else.
const UNIT_NORM_TOLERANCE = 1e-3;

/** Mean of the embeddings, L2-normalised. Refuses none, mixed lengths, non-finite or a zero mean. */
export function averageEmbeddings(embeddings: readonly Float32Array[]): Float32Array {
  const first = embeddings[0];
  if (!first || first.length === 0) throw new FaceTemplateError('no embeddings to average');
  const sum = new Float64Array(first.length);
  for (const embedding of embeddings) {
    if (embedding.length !== first.length) {
      throw new FaceTemplateError(`mixed embedding lengths (${first.length} and ${embedding.length})`);
    }
    for (let index = 0; index < embedding.length; index++) {
      sum[index] = (sum[index] ?? 0) + (embedding[index] ?? Number.NaN);
    }
  }
  return normalise(sum);
}

function normalise(vector: Float64Array): Float32Array {
  let squares = 0;
  for (const value of vector) squares += value * value;
  const norm = Math.sqrt(squares);
  if (!Number.isFinite(norm)) throw new FaceTemplateError('embedding has non-finite values');
  if (norm === 0) throw new FaceTemplateError('embeddings average to zero');
  const result = new Float32Array(vector.length);
  for (let index = 0; index < vector.length; index++) result[index] = (vector[index] ?? 0) / norm;
  return result;
}

/** Throws unless the template is non-empty, finite and of unit length (what search assumes). */
export function requireUnitTemplate(template: Float32Array): void {
  if (template.length === 0) throw new FaceTemplateError('empty template');
  let squares = 0;
  for (const value of template) squares += value * value;
  if (!Number.isFinite(squares)) throw new FaceTemplateError('template has non-finite values');
  if (Math.abs(Math.sqrt(squares) - 1) > UNIT_NORM_TOLERANCE) {
    throw new FaceTemplateError('template is not L2-normalised');
  }
}

/** Cosine of the angle between two vectors of one length (in [-1, 1]); 0 when either is zero. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new FaceTemplateError(`length mismatch (${a.length} and ${b.length})`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}

function contextOf(binding: FaceTemplateBinding): string {
  // JSON, so no id or version can contain a separator that makes two bindings read alike.
  return `face-template-v1:${JSON.stringify([binding.humanId, binding.mode, binding.modelVersion])}`;
}

export function sealFaceTemplate(template: Float32Array, key: Buffer, binding: FaceTemplateBinding): string {
  requireUnitTemplate(template);
  const bytes = Buffer.alloc(template.length * 4);
  for (let index = 0; index < template.length; index++) bytes.writeFloatLE(template[index] ?? 0, index * 4);
  return sealBytes(bytes, key, contextOf(binding));
}

/** Throws SealedSecretError for a wrong key or binding, or tampering; FaceTemplateError for bad bytes. */
export function openFaceTemplate(sealed: string, key: Buffer, binding: FaceTemplateBinding): Float32Array {
  const bytes = openBytes(sealed, key, contextOf(binding));
  if (bytes.length === 0 || bytes.length % 4 !== 0)
    throw new FaceTemplateError('sealed template has bad length');
  const template = new Float32Array(bytes.length / 4);
  for (let index = 0; index < template.length; index++) template[index] = bytes.readFloatLE(index * 4);
  return template;
}

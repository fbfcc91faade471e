// What the camera step leaves on the session for `complete` to judge: never an image, only the outcome,
// the reasons, the angles reached and (after a pass) the face template, sealed with a key derived from
// POY_SECRET_KEY and bound to this session, so a copy of the row opens nowhere else.
import { z } from 'zod';
import type { VerificationSession } from '../../../store/store.ts';
import type { CoreContext } from '../../context.ts';
import { openBytes, sealBytes } from '../../sealed-secret.ts';

/** A person may fail the camera check this many times per invite; then the verification ends. */
export const MAX_LIVENESS_ATTEMPTS = 5;

export const SKIP_REASONS = ['declined', 'no_camera', 'cannot_move'] as const;
export type LivenessSkipReason = (typeof SKIP_REASONS)[number];

export const livenessEvidenceSchema = z.object({
  status: z.enum(['passed', 'failed', 'skipped']),
  attempts: z.number().int().min(0),
  reasons: z.array(z.string()),
  skipReason: z.enum(SKIP_REASONS).nullable(),
  /** Degrees each issued move reached, in order, on the last attempt. */
  reachedDeg: z.array(z.number()),
  /** `v1.…` sealed template; present only after a pass, removed when the session completes. */
  templateSealed: z.string().nullable(),
  modelVersion: z.string().nullable(),
});
export type LivenessEvidence = z.infer<typeof livenessEvidenceSchema>;

export function readLivenessEvidence(session: VerificationSession): LivenessEvidence | null {
  const parsed = livenessEvidenceSchema.safeParse(session.liveness);
  return parsed.success ? parsed.data : null;
}

function templateContext(sessionId: string): string {
  return `session-face-template:${sessionId}`;
}

export function sealSessionTemplate(
  deps: Pick<CoreContext, 'secrets'>,
  sessionId: string,
  template: Float32Array,
): string {
  const bytes = Buffer.from(template.buffer, template.byteOffset, template.byteLength);
  return sealBytes(bytes, deps.secrets.faceTemplateKey, templateContext(sessionId));
}

export function openSessionTemplate(
  deps: Pick<CoreContext, 'secrets'>,
  sessionId: string,
  sealed: string,
): Float32Array {
  const bytes = openBytes(sealed, deps.secrets.faceTemplateKey, templateContext(sessionId));
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

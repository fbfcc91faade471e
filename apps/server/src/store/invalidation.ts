// The one definition of the invalidation message: the store sends it with NOTIFY and every process
// parses what it hears with the same schema, so sender and listener cannot drift apart.
import { z } from 'zod';

/**
 * Broadcast to every process sharing the database when cached state goes stale. Sent with
 * NOTIFY inside the same transaction as the change, so it is delivered if and only if it commits.
 * `all` is raised locally when the listening connection was lost and notifications may be missed.
 */
export const invalidationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api_key'), keyId: z.string(), keyHashHex: z.string() }),
  z.object({ kind: z.literal('project'), projectId: z.string() }),
  z.object({ kind: z.literal('verification_session'), sessionId: z.string() }),
  z.object({
    kind: z.literal('project_user'),
    projectId: z.string(),
    mode: z.enum(['live', 'test']),
    referenceUserId: z.string(),
  }),
  z.object({ kind: z.literal('human'), humanId: z.string() }),
  z.object({ kind: z.literal('signing_keys') }),
  // New webhook deliveries are due: workers wake up instead of waiting for their next poll.
  z.object({ kind: z.literal('webhooks_due') }),
  z.object({ kind: z.literal('all') }),
]);

export type Invalidation = z.infer<typeof invalidationSchema>;

export function encodeInvalidation(invalidation: Invalidation): string {
  return JSON.stringify(invalidation);
}

/** Null for a payload that is not JSON or not an invalidation (the listener reports, never throws). */
export function parseInvalidation(payload: string): Invalidation | null {
  const parsed = invalidationSchema.safeParse(parseJsonOrUndefined(payload));
  return parsed.success ? parsed.data : null;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

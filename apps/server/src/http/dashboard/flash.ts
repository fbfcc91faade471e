// One-time notices across a redirect: a new API key or webhook secret is shown on the page the browser
// lands on after the POST, once, and never again. Threats and answers:
// - The secret at rest: it never touches the database or a log; it travels sealed (AES-256-GCM with a
//   key derived for this purpose alone) in an HttpOnly, SameSite=Strict cookie scoped to /dashboard,
//   expiring within a minute.
// - A reload or the back button showing it again: the page that reads the flash clears the cookie in
//   the same response, and a flash is bound to the dashboard session that made it, so a cookie copied
//   into another session opens nothing.
// Works across replicas: nothing is kept in process memory.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { openSecret, SealedSecretError, sealSecret } from '../../core/sealed-secret.ts';

export const FLASH_COOKIE = 'poy_dash_flash';
const FLASH_MAX_AGE_SECONDS = 60;
const FLASH_CONTEXT = 'dashboard-flash-v1';

/** What a flash may carry: a kind the page knows how to show and the secret or message itself. */
const flashSchema = z.object({
  sessionId: z.string(),
  kind: z.enum(['api_key_created', 'webhook_secret', 'notice', 'member_invite']),
  /** The id of what the flash is about (a key_… or we_…), so the page shows it beside the right row. */
  subjectId: z.string(),
  value: z.string(),
  expiresAtMs: z.number(),
});
export type Flash = Omit<z.infer<typeof flashSchema>, 'sessionId' | 'expiresAtMs'>;

export interface FlashOptions {
  key: Buffer;
  secure: boolean;
  nowMs: number;
}

export function setFlash(reply: FastifyReply, sessionId: string, flash: Flash, options: FlashOptions): void {
  const sealed = sealSecret(
    JSON.stringify({ ...flash, sessionId, expiresAtMs: options.nowMs + FLASH_MAX_AGE_SECONDS * 1000 }),
    options.key,
    FLASH_CONTEXT,
  );
  reply.setCookie(FLASH_COOKIE, sealed, {
    path: '/dashboard',
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    maxAge: FLASH_MAX_AGE_SECONDS,
  });
}

/** Reads and clears the flash; null when there is none, it expired, or it belongs to another session. */
export function takeFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  options: FlashOptions,
): Flash | null {
  const sealed = request.cookies[FLASH_COOKIE];
  if (sealed === undefined) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/dashboard', secure: options.secure, sameSite: 'strict' });
  let parsed: z.infer<typeof flashSchema>;
  try {
    const result = flashSchema.safeParse(JSON.parse(openSecret(sealed, options.key, FLASH_CONTEXT)));
    if (!result.success) return null;
    parsed = result.data;
  } catch (error) {
    if (error instanceof SealedSecretError || error instanceof SyntaxError) return null;
    throw error;
  }
  if (parsed.sessionId !== sessionId || parsed.expiresAtMs <= options.nowMs) return null;
  return { kind: parsed.kind, subjectId: parsed.subjectId, value: parsed.value };
}

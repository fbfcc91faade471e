// What the phone page actually sent to `/flow/{code}/complete` (docs/flow-api.md): the recorded trace
// can then be checked against the scorer on its own, so a failure says whether the drag or something
// else was judged.
import type { Page, Request } from 'playwright-core';
import { z } from 'zod';
import type { ChallengeTrace } from '../../apps/server/src/core/scoring/movement-features.ts';

const point = z.object({ x: z.number(), y: z.number() });
const traceSchema = z.object({
  viewport: z.object({ width: z.number(), height: z.number() }),
  rounds: z.array(
    z.object({
      start: point,
      target: point.extend({ radius: z.number() }),
      samples: z.array(
        z.object({
          tMs: z.number(),
          x: z.number(),
          y: z.number(),
          kind: z.enum(['down', 'move', 'up']),
          pointerType: z.enum(['mouse', 'touch', 'pen']),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<ChallengeTrace>;

const completeBody = z.object({
  challengeId: z.string().nullable(),
  userAgent: z.string(),
  webdriver: z.boolean(),
  trace: traceSchema.nullable(),
});
export type CompleteBody = z.infer<typeof completeBody>;

export interface CompleteRequestWatch {
  bodies: CompleteBody[];
  /** Bodies that did not have the documented shape (kept as text; an event handler must not throw). */
  malformed: string[];
  stop(): void;
}

export function watchCompleteRequests(page: Page): CompleteRequestWatch {
  const bodies: CompleteBody[] = [];
  const malformed: string[] = [];
  const onRequest = (request: Request): void => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/complete')) return;
    let json: unknown;
    try {
      json = JSON.parse(request.postData() ?? 'null');
    } catch {
      json = null;
    }
    const parsed = completeBody.safeParse(json);
    if (parsed.success) bodies.push(parsed.data);
    else malformed.push(request.postData() ?? '');
  };
  page.on('request', onRequest);
  return { bodies, malformed, stop: () => page.off('request', onRequest) };
}

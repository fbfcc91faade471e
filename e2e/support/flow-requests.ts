// What the phone page actually sent to `/flow/{code}/complete` (docs/flow-api.md): since the camera
// check replaced the drag challenge, only the flow token, with no challenge, no trace and no
// self-reported browser details (the server reads those from the request headers).
import type { Page, Request } from 'playwright-core';
import { z } from 'zod';

const completeBody = z
  .object({
    flowToken: z.string(),
    challengeId: z.null(),
    trace: z.null(),
  })
  .strict();
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

// Test doubles for the client: a scripted fetch that records every request, and a fake clock for
// the waits between retries. Unit tests only; the integration tests use real servers.
import { POYVerify, type POYVerifyOptions } from '../src/index.ts';

/** One request as the injected fetch saw it. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
}

/** What the scripted fetch does for one request. */
export type ScriptStep =
  | { status: number; body?: unknown; rawBody?: string; headers?: Record<string, string> }
  | { networkError: string }
  | 'hang';

/** A fetch that plays `steps` in order (the last one repeats) and records each request. */
export function scriptedFetch(steps: ScriptStep[]): {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    requests.push({
      url: input,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
    });
    const step = steps[Math.min(requests.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('scriptedFetch has no steps');
    if (step === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    if ('networkError' in step) throw new TypeError(step.networkError);
    const text = step.rawBody ?? (step.body === undefined ? '' : JSON.stringify(step.body));
    return new Response(text, {
      status: step.status,
      headers: { 'content-type': 'application/json', ...step.headers },
    });
  };
  return { fetch, requests };
}

/** A clock whose sleeps return at once and are recorded (milliseconds). */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}

/** A client wired to a scripted fetch and a fake clock. */
export function scriptedClient(
  steps: ScriptStep[],
  options: Partial<POYVerifyOptions> = {},
): { poy: POYVerify; requests: RecordedRequest[]; waits: number[] } {
  const { fetch, requests } = scriptedFetch(steps);
  const { sleep, waits } = fakeSleep();
  const poy = new POYVerify({
    apiKey: 'poy_test_abcdefghijklmnopqrstuvwxyz012345',
    baseUrl: 'http://poy.test',
    fetch,
    sleep,
    random: () => 0.5,
    ...options,
  });
  return { poy, requests, waits };
}

/** Runs `action`, which must reject, and returns what it rejected with. */
export async function rejectionOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A valid POST /api/poy/verify answer. */
export const VERIFIED = {
  isHuman: true,
  trustScore: 94,
  poyId: 'PoY #00482A1',
  verifiedAt: '2026-04-07T12:00:00.000Z',
  checks: { liveness: 'pass', device: 'pass', behavioral: 'pass' },
};

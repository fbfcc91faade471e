// The client side of the multi-replica proof: JSON calls, a write loop that retries the way a real
// client retries an idempotent request (same Idempotency-Key until it is acknowledged), and a reader
// for the invite page's server-sent events.
import { performance } from 'node:perf_hooks';

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export async function callJson(
  url: string,
  options: {
    method?: string;
    key?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, body, headers: response.headers };
}

/** A string field of a JSON object, or undefined. */
export function fieldOf(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value: unknown = Reflect.get(body, name);
  return typeof value === 'string' ? value : undefined;
}

/** The `error.type` of a POY error body, or undefined. */
export function errorTypeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return fieldOf(Reflect.get(body, 'error'), 'type');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface AcknowledgedWrite {
  id: string;
  /** performance.now() when the 2xx arrived. */
  acknowledgedAt: number;
  attempts: number;
}

export interface WriteLoadReport {
  acknowledged: AcknowledgedWrite[];
  /** Writes abandoned after the retry budget, with the last failure. */
  abandoned: Array<{ id: string; lastFailure: string }>;
  /** Answers that are not retryable (a bug, not a blip): status and body. */
  unexpected: string[];
  /** Every failed attempt: when, and what (status or network error). */
  failures: Array<{ at: number; what: string }>;
}

/** Statuses a client retries with the same Idempotency-Key: gateway blips and "still in progress". */
const RETRYABLE = new Set([409, 502, 503, 504]);

/**
 * Runs `concurrency` clients, each sending writes one after another until `stop()`; a write that fails
 * with a retryable answer or a network error is sent again (same Idempotency-Key) until it is
 * acknowledged or `retryBudgetMs` has passed since its first attempt.
 */
export function startWriteLoad(options: {
  concurrency: number;
  send(id: string, idempotencyKey: string): Promise<JsonAnswer>;
  idPrefix: string;
  retryBudgetMs: number;
  retryDelayMs?: number;
}): { stop(): Promise<WriteLoadReport> } {
  const report: WriteLoadReport = { acknowledged: [], abandoned: [], unexpected: [], failures: [] };
  let stopping = false;
  let next = 0;
  const retryDelayMs = options.retryDelayMs ?? 200;

  async function write(id: string): Promise<void> {
    const firstAttempt = performance.now();
    let attempts = 0;
    let lastFailure = '';
    while (performance.now() - firstAttempt < options.retryBudgetMs) {
      attempts += 1;
      try {
        const answer = await options.send(id, `${id}-write`);
        // A retry of a write whose first attempt committed on a replica that died before answering
        // (its idempotency record then expires and the retry runs again) is refused as already
        // settled: the write is in the database, so it counts as acknowledged now.
        const settledByEarlierAttempt =
          attempts > 1 && answer.status === 409 && errorTypeOf(answer.body) === 'user_already_settled';
        if ((answer.status >= 200 && answer.status < 300) || settledByEarlierAttempt) {
          report.acknowledged.push({ id, acknowledgedAt: performance.now(), attempts });
          return;
        }
        lastFailure = `status ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`;
        if (!RETRYABLE.has(answer.status)) {
          report.unexpected.push(`${id}: ${lastFailure}`);
          return;
        }
      } catch (error) {
        lastFailure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      report.failures.push({ at: performance.now(), what: lastFailure });
      await sleep(retryDelayMs);
    }
    report.abandoned.push({ id, lastFailure });
  }

  const clients = Array.from({ length: options.concurrency }, async () => {
    while (!stopping) {
      const id = `${options.idPrefix}-${next}`;
      next += 1;
      await write(id);
    }
  });
  return {
    async stop() {
      stopping = true;
      await Promise.all(clients);
      return report;
    },
  };
}

export interface ServerSentEvent {
  event: string;
  data: string;
  /** performance.now() when it arrived. */
  at: number;
}

/** Reads a text/event-stream; `next()` waits for the next event (null when the stream ended). */
export async function openEventStream(url: string): Promise<{
  status: number;
  next(timeoutMs: number): Promise<ServerSentEvent | null>;
  close(): void;
}> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const queue: ServerSentEvent[] = [];
  let buffer = '';
  let ended = false;

  async function pump(): Promise<void> {
    if (!reader) {
      ended = true;
      return;
    }
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return;
    }
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) queue.push({ event, data: data.join('\n'), at: performance.now() });
      boundary = buffer.indexOf('\n\n');
    }
  }

  let reading: Promise<void> | null = null;
  return {
    status: response.status,
    async next(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (queue.length === 0 && !ended) {
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`No server-sent event within ${timeoutMs} ms`);
        reading ??= pump().finally(() => {
          reading = null;
        });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, left);
        });
        await Promise.race([reading, timeout]);
        clearTimeout(timer);
      }
      return queue.shift() ?? null;
    },
    close() {
      controller.abort();
    },
  };
}

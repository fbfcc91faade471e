// Server-sent events for an invite's status, written straight to the Node response (the route hijacks
// it from Fastify). The current state goes out at once; each change notification, and each heartbeat,
// reloads the invite and sends it when it differs from what was last sent; a terminal state ends the
// stream. Reloading on the heartbeat also catches changes whose notification was lost, and expiry,
// which happens by time alone and notifies no one.
import type { ServerResponse } from 'node:http';
import { type InviteStatus, isTerminalStatus } from './invite-page-model.ts';

export interface StatusEvent {
  status: InviteStatus;
  redirectUrl: string | null;
}

export interface StatusStreamOptions {
  response: ServerResponse;
  /** Already loaded by the route before it took over the response (so an unknown invite can 404). */
  initial: StatusEvent;
  /** Reloads the state; null means the invite is gone, which ends the stream. */
  load(): Promise<StatusEvent | null>;
  /** Registers for change notifications; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  heartbeatIntervalMs: number;
  onError(error: unknown): void;
}

export interface StatusStream {
  /** Ends the response and releases the subscription and timer; safe to call more than once. */
  close(): void;
  readonly closed: Promise<void>;
}

/** Reconnect delay a browser's EventSource uses if the connection drops before a terminal state. */
const RETRY_MS = 3000;

export function openStatusStream(options: StatusStreamOptions): StatusStream {
  const { response } = options;
  let isClosed = false;
  let lastSent = '';
  let queue: Promise<void> = Promise.resolve();
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const send = (event: StatusEvent): void => {
    const data = JSON.stringify({ status: event.status, redirectUrl: event.redirectUrl });
    if (data !== lastSent) {
      lastSent = data;
      response.write(`event: status\ndata: ${data}\n\n`);
    }
    if (isTerminalStatus(event.status)) close();
  };

  // Loads run one at a time, in order, so a slow early load can never overwrite a newer state.
  const refresh = (): void => {
    queue = queue
      .then(async () => {
        if (isClosed) return;
        const event = await options.load();
        if (isClosed) return;
        if (event === null) close();
        else send(event);
      })
      .catch((error: unknown) => options.onError(error));
  };

  const unsubscribe = options.subscribe(refresh);
  const heartbeat = setInterval(() => {
    if (isClosed) return;
    response.write(': heartbeat\n\n');
    refresh();
  }, options.heartbeatIntervalMs);

  function close(): void {
    if (isClosed) return;
    isClosed = true;
    clearInterval(heartbeat);
    unsubscribe();
    if (!response.writableEnded) response.end();
    resolveClosed();
  }

  response.on('close', close);
  response.on('error', close);
  response.write(`retry: ${RETRY_MS}\n\n`);
  send(options.initial);
  // The initial state was loaded before the subscription existed; one reload closes that gap.
  refresh();
  return { close, closed };
}

// A real local HTTP receiver for webhook tests: listens on 127.0.0.1:0, keeps every request (headers and
// the exact body bytes) and counts them by `webhook-id`. What it answers is decided per request by the
// test, including never answering (a hang) to exercise the worker's request timeout.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Server } from 'node:net';

export interface ReceivedWebhook {
  webhookId: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What to answer; `hang` keeps the request open until the receiver closes. */
export type ReceiverAnswer = { status: number; body?: string; delayMs?: number } | 'hang';

/** `attemptForId` is 1 for the first request carrying this webhook-id, 2 for the second, … */
export type ReceiverHandler = (
  request: ReceivedWebhook,
  attemptForId: number,
) => ReceiverAnswer | Promise<ReceiverAnswer>;

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook` */
  url: string;
  requests: ReceivedWebhook[];
  countsById: Map<string, number>;
  /** Replaces the answering rule for the requests that follow. */
  setHandler(handler: ReceiverHandler): void;
  close(): Promise<void>;
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The receiver is not listening');
  return address.port;
}

function headerText(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return typeof value === 'string' ? value : '';
}

export async function startWebhookReceiver(
  handler: ReceiverHandler = () => ({ status: 200 }),
): Promise<WebhookReceiver> {
  let current = handler;
  const requests: ReceivedWebhook[] = [];
  const countsById = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedWebhook = {
        webhookId: headerText(request.headers, 'webhook-id'),
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(received);
      const attempt = (countsById.get(received.webhookId) ?? 0) + 1;
      countsById.set(received.webhookId, attempt);
      Promise.resolve(current(received, attempt)).then(
        (answer) => {
          if (answer === 'hang') return;
          const send = (): void => {
            response.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
            response.end(answer.body ?? '');
          };
          if (answer.delayMs) setTimeout(send, answer.delayMs);
          else send();
        },
        () => {
          response.writeHead(599);
          response.end();
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${portOf(server)}/hook`,
    requests,
    countsById,
    setHandler(next) {
      current = next;
    },
    async close() {
      // Hanging requests and idle keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port that refuses connections: opened, then closed again. */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// A webhook destination for the multi-replica proof: node:http, answers 200 to everything, and records
// each delivery by its `webhook-id` header (Standard Webhooks; the delivery id, the same on every
// retry), so the proof can count distinct deliveries and duplicates. It also says which worker process
// sent each request: the sending socket's inode is found in /proc/net/tcp and looked up among the
// workers' open file descriptors when the connection arrives (Linux only; nothing else on the wire
// tells two workers apart). It can hold its answers for a while, so that a worker killed then dies
// with deliveries in flight, leased and unanswered.
import { once } from 'node:events';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedDelivery {
  /** How many requests carried this webhook-id (more than one is a transport-level duplicate). */
  count: number;
  eventType: string | null;
  /** Pids of the processes that sent it (null when the sender could not be identified). */
  senders: Array<number | null>;
}

export interface HeldRequest {
  id: string | null;
  sender: number | null;
  answer(): void;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  deliveries: Map<string, ReceivedDelivery>;
  totalRequests(): number;
  duplicateRequests(): number;
  /** Requests per sending pid. */
  requestsBySender(): Map<number | null, number>;
  /** From now on, record requests but leave them unanswered until `release()`. */
  hold(): void;
  /** The requests recorded and not answered since `hold()`. */
  heldRequests(): readonly HeldRequest[];
  /** Answers every held request (those whose sender is gone are dropped) and stops holding. */
  release(): void;
  /** Resolves once `count` distinct webhook-ids have arrived; rejects after `timeoutMs`. */
  waitForDistinct(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

function portHex(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

/** The inode of the loopback socket whose local port is `clientPort` and remote port `serverPort`. */
async function socketInode(clientPort: number, serverPort: number): Promise<string | null> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const local = `0100007F:${portHex(clientPort)}`;
  const remote = `0100007F:${portHex(serverPort)}`;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[2] === remote) return fields[9] ?? null;
  }
  return null;
}

async function ownerOf(inode: string, candidatePids: readonly number[]): Promise<number | null> {
  const target = `socket:[${inode}]`;
  for (const pid of candidatePids) {
    const directory = `/proc/${pid}/fd`;
    const fds = await readdir(directory).catch(() => []);
    for (const fd of fds) {
      if ((await readlink(`${directory}/${fd}`).catch(() => '')) === target) return pid;
    }
  }
  return null;
}

export async function startWebhookReceiver(options: {
  /** The processes that may send (the workers); read at each new connection. */
  senderPids(): readonly number[];
}): Promise<WebhookReceiver> {
  const deliveries = new Map<string, ReceivedDelivery>();
  const senderOf = new WeakMap<Socket, Promise<number | null>>();
  let total = 0;
  let duplicates = 0;
  const waiters = new Set<() => void>();
  let serverPort = 0;
  /** While holding, requests are recorded but not answered (the senders wait, their leases running). */
  let held: HeldRequest[] | null = null;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const sender = senderOf.get(request.socket) ?? Promise.resolve(null);
      sender.then((pid) => {
        const id = request.headers['webhook-id'];
        total += 1;
        if (typeof id === 'string') {
          let eventType: string | null = null;
          try {
            const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (
              typeof body === 'object' &&
              body !== null &&
              'event' in body &&
              typeof body.event === 'string'
            ) {
              eventType = body.event;
            }
          } catch {
            // Recorded without a type.
          }
          const known = deliveries.get(id);
          if (known) {
            known.count += 1;
            known.senders.push(pid);
            duplicates += 1;
          } else {
            deliveries.set(id, { count: 1, eventType, senders: [pid] });
          }
        }
        const answer = (): void => {
          if (response.destroyed) return;
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('ok');
        };
        if (held) held.push({ id: typeof id === 'string' ? id : null, sender: pid, answer });
        else answer();
        for (const wake of waiters) wake();
      });
    });
  });
  // Long keep-alive: the sender keeps its connections, so attribution is done once per connection.
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    const clientPort = socket.remotePort;
    senderOf.set(
      socket,
      clientPort === undefined
        ? Promise.resolve(null)
        : socketInode(clientPort, serverPort)
            .then((inode) => (inode === null ? null : ownerOf(inode, options.senderPids())))
            .catch(() => null),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The receiver has no port');
  serverPort = address.port;

  return {
    url: `http://127.0.0.1:${serverPort}/hook`,
    port: serverPort,
    deliveries,
    totalRequests: () => total,
    duplicateRequests: () => duplicates,
    hold() {
      held ??= [];
    },
    heldRequests: () => held ?? [],
    release() {
      const waiting = held ?? [];
      held = null;
      for (const request of waiting) request.answer();
    },
    requestsBySender() {
      const counts = new Map<number | null, number>();
      for (const delivery of deliveries.values()) {
        for (const pid of delivery.senders) counts.set(pid, (counts.get(pid) ?? 0) + 1);
      }
      return counts;
    },
    waitForDistinct(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        if (deliveries.size >= count) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `The receiver has ${deliveries.size} distinct deliveries of ${count} after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const check = (): void => {
          if (deliveries.size < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async close() {
      held = null;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

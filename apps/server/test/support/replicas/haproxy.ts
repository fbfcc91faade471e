// HAProxy (Debian's package) in front of the API replicas, with a config generated per run: round
// robin, health checks on /readyz with short intervals (a killed replica leaves the rotation within
// about a second), and a response header naming the replica that answered (nothing in POY's own
// answers identifies the process, and the proof needs to see that every replica served).
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type PoyProcess, spawnProcess } from './poy-process.ts';

export const BACKEND_HEADER = 'x-backend';

export interface BalancerBackend {
  name: string;
  port: number;
}

/** The path of the haproxy binary, or null when it is not installed. */
export function findHaproxy(): string | null {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) {
    const probe = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

export function haproxyConfig(
  port: number,
  backends: readonly BalancerBackend[],
  adminSocketPath?: string,
): string {
  return [
    'global',
    '  maxconn 4096',
    // The runtime API, so a bench can take replicas in and out of the rotation without restarts.
    ...(adminSocketPath ? [`  stats socket ${adminSocketPath} mode 600 level admin`] : []),
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 10m',
    // Long enough for server-sent events (the invite page's stream sends a heartbeat every 15 s).
    '  timeout server 10m',
    '  timeout tunnel 10m',
    '  timeout http-keep-alive 30s',
    // A connection that could not be made (a killed replica refuses it at once) is retried, on another
    // server thanks to redispatch. Only conn-failure: the request never reached a server, so retrying
    // is always safe. Requests lost inside a dying replica are the client's to retry (Idempotency-Key).
    '  retries 3',
    '  retry-on conn-failure',
    '  option redispatch 1',
    '  option forwardfor',
    '',
    'frontend poy',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    '  default-server inter 400ms fastinter 200ms downinter 400ms fall 2 rise 1',
    `  http-response set-header ${BACKEND_HEADER} %[srv_name]`,
    ...backends.map((backend) => `  server ${backend.name} 127.0.0.1:${backend.port} check`),
    '',
  ].join('\n');
}

export interface Balancer {
  url: string;
  process: PoyProcess;
  /** Puts a replica in the rotation ('ready') or out of it ('maint'), through the runtime API. */
  setServerState(name: string, state: 'ready' | 'maint'): Promise<void>;
}

/** Sends one command to HAProxy's runtime API and resolves its answer. */
function sendAdminCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(answer));
    socket.end(`${command}\n`);
  });
}

/** Writes the config into `directory` and starts haproxy in the foreground (`-db`). */
export async function startHaproxy(options: {
  binary: string;
  directory: string;
  port: number;
  backends: readonly BalancerBackend[];
}): Promise<Balancer> {
  const path = join(options.directory, 'haproxy.cfg');
  const adminSocketPath = join(options.directory, 'admin.sock');
  await writeFile(path, haproxyConfig(options.port, options.backends, adminSocketPath));
  const check = spawnSync(options.binary, ['-c', '-q', '-f', path], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy refused its config:\n${check.stdout}${check.stderr}`);
  const child = spawnProcess('haproxy', options.binary, ['-db', '-f', path], {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin',
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    process: child,
    async setServerState(name, state) {
      const answer = await sendAdminCommand(adminSocketPath, `set server replicas/${name} state ${state}`);
      if (answer.trim() !== '')
        throw new Error(`haproxy: set server ${name} state ${state}: ${answer.trim()}`);
    },
  };
}

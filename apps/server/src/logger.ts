// Logs are JSON lines for machines, and log storage is read by more people and systems than the API is:
// a capability written into a log line hands the verification (or the project) to whoever reads it.
// So logs never hold a key, token or personal data. Headers are not logged at all; request URLs are
// logged without their query string (short codes and enrollment tokens travel there) and with the
// invite code cut out of the path (`/i/[redacted]/events`, `/flow/[redacted]/start`); and every line is
// scrubbed as it is written, so a capability or e-mail address that reaches a message or an error's
// text some other way (a stack, a driver's error detail, a 404 message) is redacted too.
import { type Logger, pino } from 'pino';
import type { Config } from './config.ts';

const REDACTED = '[redacted]';

/** Paths whose next segment is an invite code (docs/api.md §8: the code is the capability). */
const CAPABILITY_PATH = /\/(i|flow)\/[^/?#\s"\\]+/g;

/**
 * What is scrubbed from every line. The patterns run over the serialized JSON line, so each stops at a
 * quote or backslash and never breaks the JSON around it.
 */
const LINE_RULES: ReadonlyArray<[RegExp, string]> = [
  // Credentials inside a connection URL (postgres://user:password@host).
  [/([a-z][a-z0-9+.-]*:\/\/[^\s"\\/:@]*):[^\s"\\/@]*@/gi, `$1:${REDACTED}@`],
  // API keys, passkey session tokens, webhook secrets, enrollment tokens.
  [/\bpoy_(live|test|sess)_[A-Za-z0-9._~+/=-]+/g, `poy_$1_${REDACTED}`],
  [/\bwhsec_[A-Za-z0-9+/=_-]+/g, `whsec_${REDACTED}`],
  [/\benr_[A-Za-z0-9_-]+/g, `enr_${REDACTED}`],
  [CAPABILITY_PATH, `/$1/${REDACTED}`],
  // A query string after a path (short codes, tokens): kept out whole.
  [/(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)\?[^\s"\\#]+/g, `$1?${REDACTED}`],
  // E-mail addresses, also percent-encoded in a path (/api/poy/trust/jane%40example.com).
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[redacted e-mail]'],
];

/** A request URL as logged: the path only, with any invite code cut out. */
export function redactRequestUrl(url: string | undefined): string | undefined {
  const path = url?.split('?')[0];
  return path?.replace(CAPABILITY_PATH, `/$1/${REDACTED}`);
}

/** One serialized log line with every capability and e-mail address replaced. */
export function redactLogLine(line: string): string {
  let out = line;
  for (const [pattern, replacement] of LINE_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * pino's error serializer, less raw bytes: node's HTTP parse errors carry the whole request as
 * `rawPacket` (Authorization header included), which would be logged as a byte array no text
 * scrubbing can see.
 */
function serializeError(error: Error): Record<string, unknown> {
  const serialized: Record<string, unknown> = pino.stdSerializers.err(error);
  return Object.fromEntries(
    Object.entries(serialized).filter(
      ([key, value]) => key !== 'rawPacket' && !Buffer.isBuffer(value) && !(value instanceof Uint8Array),
    ),
  );
}

interface LoggableRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

/**
 * `traceFields`, given only when tracing is on, adds the active span's `trace_id` and `span_id` to each
 * line (an empty object when no span is active), so a line can be found from its trace and back.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: NodeJS.WritableStream,
  traceFields?: () => Record<string, string>,
): Logger {
  const options = {
    ...(traceFields ? { mixin: traceFields } : {}),
    level: config.logLevel,
    base: undefined,
    redact: {
      paths: [
        'req.headers',
        'headers.authorization',
        'headers["api-key"]',
        '*.secret',
        '*.apiKey',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      err: serializeError,
      req: (request: LoggableRequest) => ({ method: request.method, url: redactRequestUrl(request.url) }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
    hooks: { streamWrite: redactLogLine },
  };
  return destination ? pino(options, destination) : pino(options);
}

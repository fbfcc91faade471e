// Logs are JSON lines for machines. They must never hold a key, token or personal data: headers are
// not logged at all, and URLs are logged without their query string (invite and enrollment tokens
// travel there).
import { type Logger, pino } from 'pino';
import type { Config } from './config.ts';

interface LoggableRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

function pathOnly(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  const options = {
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
      req: (request: LoggableRequest) => ({ method: request.method, url: pathOnly(request.url) }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

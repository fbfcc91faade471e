import { pino } from 'pino';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import type { Store } from '../store/store.ts';

/** The OpenAPI document exactly as the app serves it at /openapi.json. */
export async function buildOpenApiDocument(store: Store): Promise<unknown> {
  const app = createApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    store,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  await app.ready();
  const document = app.swagger();
  await app.close();
  return document;
}

export function serializeOpenApiDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

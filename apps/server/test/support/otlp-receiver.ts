// A local OTLP/HTTP trace receiver for tests: accepts POST /v1/traces with JSON bodies (what the
// official OTLP/HTTP exporter sends), keeps every body verbatim and every span parsed.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { z } from 'zod';

// OTLP/JSON: ids are hex strings, attribute values are typed ({ stringValue } / { intValue } / …).
const attributeValue = z
  .object({
    stringValue: z.string().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    boolValue: z.boolean().optional(),
    doubleValue: z.number().optional(),
  })
  .loose();
const otlpSpan = z
  .object({
    traceId: z.string(),
    spanId: z.string(),
    parentSpanId: z.string().optional(),
    name: z.string(),
    kind: z.number(),
    attributes: z.array(z.object({ key: z.string(), value: attributeValue })).optional(),
  })
  .loose();
const otlpExport = z.object({
  resourceSpans: z.array(
    z
      .object({
        resource: z
          .object({ attributes: z.array(z.object({ key: z.string(), value: attributeValue })) })
          .loose(),
        scopeSpans: z.array(z.object({ spans: z.array(otlpSpan) }).loose()),
      })
      .loose(),
  ),
});
export type OtlpSpan = z.infer<typeof otlpSpan>;

export interface TraceReceiver {
  endpoint: string;
  spans: OtlpSpan[];
  /** Every body received, verbatim, for the no-secrets check. */
  raw: string[];
  serviceNames: Set<string>;
  close(): Promise<void>;
}

export async function startTraceReceiver(): Promise<TraceReceiver> {
  const spans: OtlpSpan[] = [];
  const raw: string[] = [];
  const serviceNames = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      raw.push(text);
      const parsed = otlpExport.parse(JSON.parse(text));
      for (const resourceSpans of parsed.resourceSpans) {
        for (const attribute of resourceSpans.resource.attributes) {
          if (attribute.key === 'service.name' && attribute.value.stringValue) {
            serviceNames.add(attribute.value.stringValue);
          }
        }
        for (const scope of resourceSpans.scopeSpans) spans.push(...scope.spans);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    spans,
    raw,
    serviceNames,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function attributeOf(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes?.find((attribute) => attribute.key === key)?.value;
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.boolValue ?? value.doubleValue;
}

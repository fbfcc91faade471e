// The business's page that POY sends people back to: a second local server that records each visit
// and answers "done", so the tests see exactly which URL the browser was sent to.
import { createServer, type Server } from 'node:http';
import { waitFor } from './timing.ts';

export interface RedirectTarget {
  /** `http://localhost:<port>`. */
  origin: string;
  /** Absolute URLs of the requests received so far, in order. */
  visits: URL[];
  /** The first recorded visit to `pathname`, waiting for it (bounded). */
  waitForVisit(pathname: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startRedirectTarget(): Promise<RedirectTarget> {
  const visits: URL[] = [];
  let origin = '';
  const server: Server = createServer((request, response) => {
    visits.push(new URL(request.url ?? '/', origin));
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end('<!doctype html><title>Acme</title><p id="done">done</p>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The redirect target has no port');
  origin = `http://localhost:${address.port}`;
  return {
    origin,
    visits,
    waitForVisit: (pathname) =>
      waitFor(`a visit to ${origin}${pathname}`, () => visits.find((visit) => visit.pathname === pathname)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

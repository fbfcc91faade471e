// The webhook benchmark's destination: a bare node:http server that reads each request body and answers
// 200 at once. It runs in its own process, so the worker being measured does not share its event loop.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
});
server.keepAliveTimeout = 30_000;

const stop = (): void => {
  setTimeout(() => process.exit(1), 5_000).unref();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, host);

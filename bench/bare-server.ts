// The baseline: the smallest Fastify 5 server with one JSON route. POY's numbers are reported as a
// ratio of this one, measured in the same run, because load on this shared machine moves absolute
// numbers by up to 3×. Kept free of plugins, schemas and logging so it measures Fastify and node:http only.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ status: 'ok', service: 'bare' }));

const stop = (): void => {
  // Bounded: the parent also escalates to SIGKILL, but exit on our own when close hangs on a socket.
  setTimeout(() => process.exit(1), 5_000).unref();
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await app.listen({ port, host });

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { createCompressionHook, MIN_COMPRESSED_BYTES } from './compress-responses.ts';

const PAGE = `<!doctype html><title>t</title>${'<p>Proof of You</p>\n'.repeat(200)}`;

async function buildApp(onlyOwnRequests: boolean): Promise<FastifyInstance> {
  const app = Fastify();
  app.addHook('onSend', createCompressionHook({ onlyOwnRequests }));
  app.get('/page', async (_request, reply) =>
    reply
      .header('etag', '"v1"')
      .header('vary', 'Accept-Language')
      .type('text/html; charset=utf-8')
      .send(PAGE),
  );
  app.get('/typed', async (request, reply) => {
    const type = new URL(request.url, 'http://test.invalid').searchParams.get('type') ?? '';
    return reply.type(type).send(PAGE);
  });
  app.get('/small', async (_request, reply) =>
    reply.type('text/html').send('x'.repeat(MIN_COMPRESSED_BYTES - 1)),
  );
  app.get('/stream', async (_request, reply) => reply.type('text/html').send(Readable.from([PAGE])));
  app.get('/encoded', async (_request, reply) =>
    reply.type('text/html').header('content-encoding', 'gzip').send(Buffer.from(PAGE)),
  );
  app.get('/json', async () => ({
    items: Array.from({ length: 100 }, (_, index) => ({ index, name: 'item' })),
  }));
  await app.ready();
  return app;
}

describe('compression hook', () => {
  let app: FastifyInstance;
  let ownOnly: FastifyInstance;
  before(async () => {
    app = await buildApp(false);
    ownOnly = await buildApp(true);
  });
  after(async () => {
    await app.close();
    await ownOnly.close();
  });

  it('compresses with the coding the client prefers, weakening a strong ETag and adding to Vary', async () => {
    const br = await app.inject({ url: '/page', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.etag, 'W/"v1"');
    assert.equal(br.headers.vary, 'Accept-Language, Accept-Encoding');
    assert.equal(Number(br.headers['content-length']), br.rawPayload.length);
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), PAGE);
    const gzip = await app.inject({ url: '/page', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString('utf8'), PAGE);
    const json = await app.inject({ url: '/json', headers: { 'accept-encoding': 'br' } });
    assert.equal(json.headers['content-encoding'], 'br');
    const identity = await app.inject({ url: '/json' });
    assert.equal(brotliDecompressSync(json.rawPayload).toString('utf8'), identity.body);
  });

  it('sends the page as it is to a client that accepts no coding, still saying it varies', async () => {
    const plain = await app.inject({ url: '/page' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.etag, '"v1"');
    assert.equal(plain.headers.vary, 'Accept-Language, Accept-Encoding');
    assert.equal(plain.body, PAGE);
  });

  it('leaves alone other types, small bodies, streams and bodies that already have a coding', async () => {
    for (const type of ['text/event-stream', 'text/plain', 'application/octet-stream', 'image/png']) {
      const response = await app.inject({
        url: `/typed?type=${encodeURIComponent(type)}`,
        headers: { 'accept-encoding': 'br' },
      });
      assert.equal(response.headers['content-encoding'], undefined, type);
      assert.equal(response.body, PAGE, type);
    }
    for (const type of ['text/css', 'text/javascript; charset=utf-8', 'image/svg+xml']) {
      const response = await app.inject({
        url: `/typed?type=${encodeURIComponent(type)}`,
        headers: { 'accept-encoding': 'br' },
      });
      assert.equal(response.headers['content-encoding'], 'br', type);
    }
    const small = await app.inject({ url: '/small', headers: { 'accept-encoding': 'br' } });
    assert.equal(small.headers['content-encoding'], undefined);
    const stream = await app.inject({ url: '/stream', headers: { 'accept-encoding': 'br' } });
    assert.equal(stream.headers['content-encoding'], undefined);
    assert.equal(stream.body, PAGE);
    const encoded = await app.inject({ url: '/encoded', headers: { 'accept-encoding': 'br' } });
    assert.equal(encoded.headers['content-encoding'], 'gzip');
    assert.equal(encoded.body, PAGE);
  });

  it('for pages holding a session secret, compresses only what our pages or the person asked for', async () => {
    for (const site of ['same-origin', 'none']) {
      const response = await ownOnly.inject({
        url: '/page',
        headers: { 'accept-encoding': 'br', 'sec-fetch-site': site },
      });
      assert.equal(response.headers['content-encoding'], 'br', site);
    }
    for (const site of ['cross-site', 'same-site', undefined]) {
      const response = await ownOnly.inject({
        url: '/page',
        headers: { 'accept-encoding': 'br', ...(site === undefined ? {} : { 'sec-fetch-site': site }) },
      });
      assert.equal(response.headers['content-encoding'], undefined, String(site));
      assert.equal(response.body, PAGE, String(site));
      assert.equal(response.headers.vary, 'Accept-Language, Accept-Encoding', String(site));
      assert.equal(response.headers['cache-control'], 'no-transform', 'nor may a proxy compress it');
    }
    const asIs = await ownOnly.inject({ url: '/page', headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(
      asIs.headers['cache-control'],
      undefined,
      'nothing to keep from a client that takes no coding',
    );
  });
});

// The pages' static files: stylesheets and modules (web/asset-manifest.ts) and the camera step's face
// model (web/face-assets.ts). Threat: the files sit beside much that must not be served (node_modules,
// the server's source), so a URL is only ever looked up in a fixed table, never joined onto a path.
// Caching: a content-hashed name never changes its bytes, so it is cached for a year as immutable;
// a plain name is revalidated on every use (its ETag makes that a 304). Compression: each file is
// compressed once per coding and the bytes kept (http/compression/compress-body.ts), precompressed at
// start-up for the hashed names the pages reference.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AssetManifest, loadAssetManifest, type ServedAsset } from '../../web/asset-manifest.ts';
import { FACE_ASSET_PREFIX, listFaceAssetFiles } from '../../web/face-assets.ts';
import { chooseContentCoding } from '../compression/accept-encoding.ts';
import { compressStaticOnce } from '../compression/compress-body.ts';
import { varyOnAcceptEncoding } from '../compression/compress-responses.ts';
import { ApiError } from '../error-registry.ts';
import { ifNoneMatchIncludes } from '../etag.ts';

/** Hashed asset names and the face model's files never change under a name. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Plain asset names: usable from a cache only after revalidation. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

const wildcardParams = z.object({ '*': z.string() });

/**
 * Above this, an asset is compressed when first asked for rather than at start-up: the API reference's
 * renderer (4.8 MB) costs seconds of CPU per coding, which every process start (and every test file)
 * would pay although few processes ever serve it.
 */
const LARGEST_PRECOMPRESSED_BYTES = 1024 * 1024;

/**
 * Compresses every hashed asset in the background, so the first page view finds them ready. One at a
 * time: all at once kept every thread of the pool busy at best quality while the server was starting
 * (seconds of CPU competing with its first requests) and briefly doubled its memory.
 */
async function precompressHashedAssets(manifest: AssetManifest): Promise<void> {
  for (const asset of manifest.served.values()) {
    if (!asset.immutable || asset.body.length > LARGEST_PRECOMPRESSED_BYTES) continue;
    for (const coding of ['br', 'gzip'] as const) {
      // A failure here is retried by the request that needs the copy, and reported there.
      await compressStaticOnce(asset.digest, coding, () => asset.body).catch(() => null);
    }
  }
}

async function sendManifestAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  asset: ServedAsset,
): Promise<FastifyReply> {
  const coding = chooseContentCoding(request.headers['accept-encoding']);
  const compressed =
    coding === null ? null : await compressStaticOnce(asset.digest, coding, () => asset.body);
  const etag = `"${asset.digest.slice(0, 32)}${compressed === null ? '' : `.${coding}`}"`;
  reply
    .header('cache-control', asset.immutable ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL)
    .header('x-content-type-options', 'nosniff')
    .header('etag', etag)
    .type(asset.contentType);
  varyOnAcceptEncoding(reply);
  if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (compressed === null || coding === null) return reply.send(asset.body);
  return reply.header('content-encoding', coding).send(compressed);
}

export const assetRoutes: FastifyPluginAsync = async (app) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const manifest = loadAssetManifest();
  precompressHashedAssets(manifest).catch(() => {});

  route.get('/assets/*', { schema: { hide: true, params: wildcardParams } }, async (request, reply) => {
    const asset = manifest.served.get(`/assets/${request.params['*']}`);
    if (asset === undefined) throw new ApiError('not_found', 'No such asset.');
    return sendManifestAsset(request, reply, asset);
  });

  // Exact names only (web/face-assets.ts): `..`, encoded slashes or a folder name match no entry.
  const faceAssetFiles = listFaceAssetFiles();
  route.get(
    `${FACE_ASSET_PREFIX}*`,
    { schema: { hide: true, params: wildcardParams } },
    async (request, reply) => {
      const file = faceAssetFiles.get(request.params['*']);
      if (file === undefined) throw new ApiError('not_found', 'No such asset.');
      reply
        .header('cache-control', IMMUTABLE_CACHE_CONTROL)
        .header('x-content-type-options', 'nosniff')
        .type(file.contentType);
      varyOnAcceptEncoding(reply);
      const coding = chooseContentCoding(request.headers['accept-encoding']);
      // The first phone to reach the camera step waits for the compression (a third of a second for
      // the largest file, on the thread pool); every later one gets the kept bytes. Even the weights
      // shrink (blazeface.bin by 40 %); what would not is sent as it is.
      const compressed =
        coding === null ? null : await compressStaticOnce(file.path, coding, () => readFile(file.path));
      if (compressed !== null && coding !== null) {
        return reply.header('content-encoding', coding).send(compressed);
      }
      const { size } = await stat(file.path);
      return reply.header('content-length', size).send(createReadStream(file.path));
    },
  );
};

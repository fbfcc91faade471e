// The deployment's public signing keys (RFC 7517 JWK Set), so anyone can verify stamps, session
// tokens and redirect results offline. Every key is listed, retired ones included: what they signed still verifies. Cached
// for 5 minutes; a verifier that meets an unknown kid should refetch (a key was added since).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import { publicJwkSchema } from '../../core/signing/public-jwk.ts';
import type { SigningKeyRing } from '../../core/signing/signing-key-ring.ts';

export interface DeveloperRoutesOptions {
  verification: CoreContext;
  keyRing: SigningKeyRing;
}

export const wellKnownRoutes: FastifyPluginAsync<DeveloperRoutesOptions> = async (app, { keyRing }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/.well-known/jwks.json',
    {
      schema: {
        summary:
          'Public keys (JWK Set) for verifying stamps (kid poy-stamp-…), session tokens (kid poy-session-…) and redirect results (kid poy-redirect-…)',
        response: { 200: z.object({ keys: z.array(publicJwkSchema) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: await keyRing.publicJwks() };
    },
  );
};

// Session tokens issued by passkey sign-in (docs/api.md §5), checked for the project that asks. Every
// answer is 200: `{valid:false, reason}` for a malformed, forged, expired or foreign token (another
// project's or mode's token is `wrong_audience`), so callers branch on `valid`, not on status codes.
// Offline verification with the JWKS is equivalent (verifySessionTokenOffline in @poy/wire).

import { SESSION_TOKEN_FAILURES } from '@poy/wire';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import { verifySessionToken } from '../../core/sessions/session-tokens.ts';
import type { SigningKeyRing } from '../../core/signing/signing-key-ring.ts';
import { requireAuth } from '../auth.ts';

export interface DeveloperRoutesOptions {
  verification: CoreContext;
  keyRing: SigningKeyRing;
}

const verifyAnswer = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    userId: z.string(),
    expiresAt: z.iso.datetime(),
    credentialId: z.string(),
    issuedAt: z.iso.datetime(),
  }),
  z.object({ valid: z.literal(false), reason: z.enum(SESSION_TOKEN_FAILURES) }),
]);

export const sessionsRoutes: FastifyPluginAsync<DeveloperRoutesOptions> = async (
  app,
  { verification, keyRing },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const deps = { keyRing, clock: verification.clock, issuer: verification.publicUrl };

  route.post(
    '/api/poy/sessions/verify',
    {
      schema: {
        security: [{ bearerAuth: [] }],
        summary:
          'Check a poy_sess_ token from a passkey sign-in: valid for this project and mode, and not expired',
        body: z.object({ sessionToken: z.string().min(1).max(4096) }),
        response: { 200: verifyAnswer },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const check = await verifySessionToken(deps, request.body.sessionToken, { project, mode });
      if (!check.valid) return { valid: false as const, reason: check.reason };
      return {
        valid: true as const,
        userId: check.claims.sub,
        expiresAt: new Date(check.claims.exp * 1000).toISOString(),
        credentialId: check.claims.cred,
        issuedAt: new Date(check.claims.iat * 1000).toISOString(),
      };
    },
  );
};

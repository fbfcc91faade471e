// POY API routes that need no key: public enrollment (rate limited per client IP, docs/api.md §3) and
// public profiles. These two alone answer CORS (see public-cors.ts for the rule).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import { getPublicProfile } from '../../core/users/get-profile.ts';
import { enrollPublicly } from '../../core/users/public-enroll.ts';
import { ApiError } from '../error-registry.ts';
import { allowProjectOrigin, answerPreflight, platformOf } from '../public-cors.ts';
import { enforceRateLimits } from '../rate-limit.ts';
import type { RateLimitBackend } from '../rate-limit-backend.ts';

/** docs/api.md §3: 10 requests per minute per client IP, whatever the key. */
const PUBLIC_ENROLL_LIMIT = [{ limit: 10, windowSeconds: 60 }];
/** Profiles are public but not a bulk export: a generous per-IP limit. */
const PROFILE_LIMIT = [{ limit: 120, windowSeconds: 60 }];

export const publicApiRoutes: FastifyPluginAsync<{
  verification: CoreContext;
  rateLimitBackend: RateLimitBackend;
}> = async (app, { verification, rateLimitBackend }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.options('/api/poy/public-enroll', { schema: { hide: true } }, (request, reply) =>
    answerPreflight(request, reply, { methods: 'POST', anyOrigin: false }),
  );
  route.options('/api/poy/profile/:poyId', { schema: { hide: true } }, (request, reply) =>
    answerPreflight(request, reply, { methods: 'GET', anyOrigin: true }),
  );

  route.post(
    '/api/poy/public-enroll',
    {
      onRequest: async (request, reply) => {
        await enforceRateLimits(rateLimitBackend, reply, `enroll:${request.ip}`, PUBLIC_ENROLL_LIMIT);
      },
      // Errors too (a 400 for a project's page is worth reading there); a 429 has no body yet, so no
      // project and no CORS header.
      onSend: async (request, reply, payload) => {
        const platform = request.headers.origin === undefined ? null : platformOf(request.body);
        const project = platform
          ? await verification.store.findProjectByPublicId(platform).catch(() => null)
          : null;
        allowProjectOrigin(request, reply, project?.redirectOrigins ?? null);
        return payload;
      },
      schema: {
        summary: "Public enrollment from a project's front end (no key; 10/minute per IP)",
        body: z.object({
          // Trimmed before the format check: " Jane@Example.com " is the same person (the hash
          // normalizes case and surrounding spaces), not a 400.
          email: z.string().trim().max(254).check(z.email()),
          displayName: z.string().trim().min(1).max(100),
          platform: z.string().trim().min(1).max(64).describe("The project's public id"),
        }),
        response: {
          200: z.object({ poyId: z.string(), enrollmentUrl: z.string(), expiresAt: z.iso.datetime() }),
        },
      },
    },
    async (request) => {
      const project = await verification.store.findProjectByPublicId(request.body.platform);
      if (!project) throw new ApiError('not_found', 'No project with that platform id.');
      const enrollment = await enrollPublicly(verification, {
        projectId: project.id,
        email: request.body.email,
        displayName: request.body.displayName,
      });
      return { ...enrollment, expiresAt: enrollment.expiresAt.toISOString() };
    },
  );

  route.get(
    '/api/poy/profile/:poyId',
    {
      onRequest: async (request, reply) => {
        await enforceRateLimits(rateLimitBackend, reply, `profile:${request.ip}`, PROFILE_LIMIT);
      },
      onSend: async (_request, reply, payload) => {
        reply.header('access-control-allow-origin', '*');
        return payload;
      },
      schema: {
        summary: 'Public profile: non-sensitive verification status for a PoY id (PoY #00482A1 or 00482A1)',
        // Any malformed id is simply not a PoY identity: 404 like an unknown one, whatever its length.
        params: z.object({ poyId: z.string() }),
        response: {
          200: z.object({
            poyId: z.string(),
            isVerified: z.boolean(),
            badgeLevel: z.enum(['verified', 'unverified']),
            trustScore: z.number().int(),
            verifiedSince: z.iso.datetime().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const profile = await getPublicProfile(verification, request.params.poyId);
      if (profile === 'test_identity') {
        throw new ApiError(
          'test_identity_not_public',
          'This PoY id is a sandbox (test) identity; test identities have no public profile.',
        );
      }
      if (!profile) throw new ApiError('not_found', 'No PoY identity with that id.');
      return {
        poyId: profile.poyId,
        isVerified: profile.isVerified,
        badgeLevel: profile.badgeLevel,
        trustScore: profile.trustScore,
        verifiedSince: profile.verifiedSince?.toISOString() ?? null,
      };
    },
  );
};

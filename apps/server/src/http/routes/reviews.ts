// The review API (docs/assurance.md §4): the verifications a project's face search held in the grey
// zone, and the decision on each. Keys see only their own project's and mode's verifications.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import { decideReview, listHeldVerifications } from '../../core/verification/review-decision.ts';
import { apiKeyAuditActor } from '../api-key-audit-actor.ts';
import { requireAuth } from '../auth.ts';
import { ApiError } from '../error-registry.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }];
const verificationId = z
  .string()
  .regex(/^vs_[A-Za-z0-9]{1,64}$/, 'A verification id looks like vs_…')
  .describe('The verification held for review (verificationId in GET /api/poy/reviews)');

export const reviewsRoutes: FastifyPluginAsync<{ verification: CoreContext }> = async (
  app,
  { verification },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/api/poy/reviews',
    {
      schema: {
        summary: 'Verifications held for review because the face resembled a known human',
        security,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                verificationId: z.string(),
                userId: z.string().nullable().describe('Your id for the user, when the verification has one'),
                similarity: z
                  .number()
                  .nullable()
                  .describe('Cosine similarity to the known face; null when held for velocity'),
                reasons: z.array(z.string()),
                heldAt: z.iso.datetime().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const held = await listHeldVerifications(verification, { project, mode, limit: request.query.limit });
      const users = await Promise.all(
        held.map((item) =>
          item.connectUserId ? verification.store.findConnectUserById(item.connectUserId) : null,
        ),
      );
      return {
        data: held.map((item, index) => ({
          verificationId: item.verificationId,
          userId: users[index]?.referenceUserId ?? null,
          similarity: item.similarity,
          reasons: item.reasons,
          heldAt: item.heldAt?.toISOString() ?? null,
        })),
      };
    },
  );

  route.post(
    '/api/poy/reviews/:verificationId',
    {
      schema: {
        summary: 'Decide a held verification: a different person (approve) or the same one (duplicate)',
        security,
        params: z.object({ verificationId }),
        body: z.object({ decision: z.enum(['approve', 'duplicate']) }),
        response: {
          200: z.object({
            verificationId: z.string(),
            status: z.enum(['VERIFIED', 'UNFULFILLABLE']),
            reasons: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const result = await decideReview(verification, {
        project,
        mode,
        verificationId: request.params.verificationId,
        decision: request.body.decision,
        // The key that decided, recorded in the decision's transaction (docs/dashboard.md §8).
        actor: apiKeyAuditActor(request),
      });
      if (!result.ok && result.reason === 'not_found') {
        throw new ApiError('not_found', 'No verification with that id in this project.');
      }
      if (!result.ok)
        throw new ApiError('conflict', 'This verification is not held for review (it was decided already).');
      return {
        verificationId: result.session.id,
        status: result.outcome === 'verified' ? ('VERIFIED' as const) : ('UNFULFILLABLE' as const),
        reasons: result.outcome === 'duplicate' ? ['DUPLICATE_HUMAN'] : [],
      };
    },
  );
};

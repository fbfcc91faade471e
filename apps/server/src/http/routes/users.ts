// The POY API about a project's users (docs/api.md §5): verify, check (the hot path), trust, and the
// sandbox. A POY `userId` is the same user as a Connect `reference_user_id`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import type { HumanCheckCache } from '../../core/users/check-cache.ts';
import { getTrustReport } from '../../core/users/get-trust.ts';
import { verifyUser } from '../../core/users/verify-user.ts';
import { registerConnectUser } from '../../core/verification/connect-users.ts';
import { forceSandboxOutcomeForConnectUser } from '../../core/verification/flow/sandbox-outcome.ts';
import { isRedirectUrlAllowed } from '../../core/verification/redirect-origins.ts';
import { VERIFICATION_STATES } from '../../store/store.ts';
import { requireAuth } from '../auth.ts';
import { ApiError } from '../error-registry.ts';
import { sandboxOnlyError, userSettledError } from '../sandbox-refusals.ts';

const userId = z.string().trim().min(1).max(256).describe('Your id for the user');
const checkValue = z.enum(['pass', 'fail', 'pending']);
/** What `verify` and `trust` both say about the latest verification (docs/api.md §5). */
const verificationFields = {
  verificationStatus: z
    .enum(VERIFICATION_STATES)
    .nullable()
    .describe(
      'Where the latest verification stands: pending, verified, failed, duplicate, review (held), expired or cancelled; null when the user never had one',
    ),
  assuranceLevel: z
    .enum(['none', 'passkey', 'liveness', 'unique'])
    .nullable()
    .describe('The level the latest verification reached (docs/assurance.md §1)'),
  reasons: z
    .array(z.string())
    .describe('Why the latest verification failed, expired, was a duplicate or is held; empty otherwise'),
  review: z
    .boolean()
    .describe('True while the latest verification is held for review (docs/assurance.md §4)'),
};
const verifyResponse = z.object({
  isHuman: z.boolean(),
  trustScore: z.number().int(),
  poyId: z.string().nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  checks: z.object({ liveness: checkValue, device: checkValue, behavioral: checkValue }),
  enrollmentUrl: z
    .string()
    .optional()
    .describe('Send the person here to verify (when not yet a verified human)'),
  expiresAt: z.iso.datetime().optional(),
  ...verificationFields,
});
const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }];

export const usersRoutes: FastifyPluginAsync<{
  verification: CoreContext;
  checkCache: HumanCheckCache;
}> = async (app, { verification, checkCache }) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  async function verifyResponseFor(
    project: Parameters<typeof verifyUser>[1]['project'],
    mode: 'live' | 'test',
    id: string,
    checkType: 'full' | 'quick',
    redirectUrl?: string,
  ) {
    const result = await verifyUser(verification, { project, mode, userId: id, checkType, redirectUrl });
    return {
      isHuman: result.isHuman,
      trustScore: result.trustScore,
      poyId: result.poyId,
      verifiedAt: result.verifiedAt?.toISOString() ?? null,
      checks: result.checks,
      verificationStatus: result.report.status,
      assuranceLevel: result.report.assuranceLevel,
      reasons: result.report.reasons,
      review: result.report.review,
      ...(result.enrollment
        ? { enrollmentUrl: result.enrollment.url, expiresAt: result.enrollment.expiresAt.toISOString() }
        : {}),
    };
  }

  route.post(
    '/api/poy/verify',
    {
      schema: {
        summary:
          'Full verification status of a user, with an enrollment link when they are not yet a verified human',
        security,
        body: z.object({
          userId,
          checkType: z.enum(['full', 'quick']).default('full'),
          redirectUrl: z
            .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
            .max(2048)
            .optional()
            .describe(
              "Where the hosted flow sends the person at the end, with a signed poy_result; its origin must be one of the project's redirectOrigins when it lists any",
            ),
          metadata: z
            .object({
              ip: z.union([z.ipv4(), z.ipv6()]).optional(),
              userAgent: z.string().max(1024).optional(),
            })
            .optional(),
        }),
        response: { 200: verifyResponse },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const { userId: id, checkType, redirectUrl } = request.body;
      // Refused before anything is written, as Connect's register does (docs/api.md §5).
      if (redirectUrl !== undefined && !isRedirectUrlAllowed(project.redirectOrigins, redirectUrl)) {
        throw new ApiError(
          'redirect_url_not_allowed',
          "redirectUrl's origin is not among this project's allowed redirect origins.",
        );
      }
      return verifyResponseFor(project, mode, id, checkType, redirectUrl);
    },
  );

  route.get(
    '/api/poy/check',
    {
      schema: {
        summary: 'Quick boolean humanity check, served from memory',
        security,
        querystring: z.object({ userId }),
        response: { 200: z.object({ isHuman: z.boolean(), poyId: z.string().nullable() }) },
      },
      // The hot path: the handler's return type already fixes the two fields, so the response is
      // serialized directly instead of being re-validated through zod on every call.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      return checkCache.check(project, mode, request.query.userId);
    },
  );

  route.get(
    '/api/poy/trust/:userId',
    {
      schema: {
        summary: "A user's trust score, level and factors",
        security,
        params: z.object({ userId }),
        response: {
          200: z.object({
            userId: z.string(),
            trustScore: z.number().int(),
            level: z.enum(['high', 'medium', 'low', 'none']),
            factors: z.object({
              liveness: z.number().int(),
              device: z.number().int(),
              behavioral: z.number().int(),
              credential: z.number().int(),
            }),
            ...verificationFields,
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const report = await getTrustReport(verification, { project, mode, userId: request.params.userId });
      if (!report) throw new ApiError('not_found', 'This project has never seen that userId.');
      return report;
    },
  );

  route.post(
    '/api/poy/sandbox/outcome',
    {
      schema: {
        summary:
          "Test keys only: force the outcome of a user's pending verification (creating one if there is none)",
        security,
        body: z.object({ userId, outcome: z.enum(['verified', 'failed', 'duplicate', 'expired']) }),
        response: { 200: verifyResponse },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      if (mode !== 'test') throw sandboxOnlyError();
      const { userId: id, outcome } = request.body;
      const existing = await verification.store.findConnectUser({
        projectId: project.id,
        mode,
        referenceUserId: id,
      });
      if (!existing) {
        await registerConnectUser(verification, {
          project,
          mode,
          referenceUserId: id,
          redirectUrl: null,
          dataRequestType: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
          uniquenessRegionId: null,
        });
      }
      const forced = await forceSandboxOutcomeForConnectUser(
        verification,
        { projectId: project.id, mode, referenceUserId: id },
        outcome,
      );
      if (!forced) throw new ApiError('not_found', 'No user with that userId.');
      if (!forced.ok) throw forced.reason === 'user_settled' ? userSettledError(forced) : sandboxOnlyError();
      return verifyResponseFor(project, mode, id, 'quick');
    },
  );
};

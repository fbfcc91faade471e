// The Connect API (docs/api.md §4): snake_case bodies, `status: "success"` envelopes, failures rendered
// by the error handler as `failure_code`. Authenticated by API-KEY or Bearer (see app.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import { simpleDataRequestResponseOf } from '../../core/events/connect-events.ts';
import {
  deleteConnectUser,
  getConnectUserStatus,
  registerConnectUser,
  revokeConnectUser,
} from '../../core/verification/connect-users.ts';
import { forceSandboxOutcomeForConnectUser } from '../../core/verification/flow/sandbox-outcome.ts';
import { reportVerification, type VerificationReport } from '../../core/verification/verification-report.ts';
import type { ConnectUser, VerificationSession } from '../../store/store.ts';
import { apiKeyAuditActor } from '../api-key-audit-actor.ts';
import { requireAuth } from '../auth.ts';
import { ApiError } from '../error-registry.ts';
import { sandboxOnlyError, userSettledError } from '../sandbox-refusals.ts';

const DATA_REQUEST_TYPES = ['GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', 'IS_PHONE_NUMBER_VERIFIED'] as const;
const identifier = z.string().trim().min(1).max(256);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' }).max(2048);

const registerBody = z
  .object({
    reference_user_id: identifier.optional().describe('Your id for this user (1–256 characters)'),
    reference_id: identifier.optional().describe('Older name of reference_user_id'),
    redirect_url: httpUrl.optional().describe('Where the person is sent when verification ends'),
    data_request: z
      .object({ type: z.enum(DATA_REQUEST_TYPES).default('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID') })
      .optional(),
    uniqueness_region_id: identifier
      .optional()
      .describe('Scope uniqueness to this region instead of the project'),
  })
  .refine((body) => body.reference_user_id !== undefined || body.reference_id !== undefined, {
    message: 'reference_user_id is required',
    path: ['reference_user_id'],
  })
  .refine(
    (body) =>
      body.reference_user_id === undefined ||
      body.reference_id === undefined ||
      body.reference_user_id === body.reference_id,
    { message: 'reference_user_id and reference_id differ', path: ['reference_id'] },
  );

const userSelector = z
  .object({
    reference_user_id: identifier.optional(),
    reference_id: identifier.optional(),
    user_id: z.string().trim().min(1).max(64).optional(),
  })
  .refine(
    (body) =>
      body.reference_user_id !== undefined || body.reference_id !== undefined || body.user_id !== undefined,
    { message: 'reference_user_id or user_id is required', path: ['reference_user_id'] },
  );

const dataRequestResponse = z
  .union([
    z.object({
      type: z.literal('GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID'),
      humanness_score: z.number().int(),
      unique_human_id: z.string(),
      uniqueness_region_id: z.string().nullable(),
    }),
    z.object({ type: z.literal('IS_PHONE_NUMBER_VERIFIED'), is_phone_number_verified: z.literal(true) }),
  ])
  .nullable();

const statusBody = z.object({
  status: z.literal('success'),
  user_id: z.string(),
  reference_user_id: z.string(),
  connection_verified: z.boolean(),
  verification_status: z.enum(['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'REVOKED', 'EXPIRED']),
  unfulfillable_reason: z.enum(['DUPLICATE_HUMAN', 'FAILED_CHECKS', 'EXPIRED']).nullable(),
  simple_data_request_response: dataRequestResponse,
  expires_at: z.iso.datetime().nullable().describe('When the current invite stops working (pending users)'),
  verification_id: z.string().nullable().describe('The latest verification (the id the review API takes)'),
  assurance_level: z
    .enum(['none', 'passkey', 'liveness', 'unique'])
    .nullable()
    .describe('The level the latest verification reached (docs/assurance.md §1)'),
  reasons: z.array(z.string()).describe('Why it failed or is held (docs/assurance.md §6); empty otherwise'),
});

function selectorOf(body: z.infer<typeof userSelector>, projectId: string, mode: 'live' | 'test') {
  const referenceUserId = body.reference_user_id ?? body.reference_id;
  return {
    projectId,
    mode,
    ...(body.user_id !== undefined ? { userId: body.user_id } : {}),
    ...(referenceUserId !== undefined ? { referenceUserId } : {}),
  };
}

function toStatusBody(user: ConnectUser, session: VerificationSession | null) {
  return {
    status: 'success' as const,
    user_id: user.id,
    reference_user_id: user.referenceUserId,
    connection_verified: user.status === 'VERIFIED',
    verification_status: user.status,
    unfulfillable_reason: user.unfulfillableReason,
    simple_data_request_response: simpleDataRequestResponseOf(user),
    expires_at: user.status === 'PENDING' && session ? session.expiresAt.toISOString() : null,
    ...snakeCaseReport(reportVerification(session)),
  };
}

function snakeCaseReport(report: VerificationReport) {
  return {
    verification_id: report.verificationId,
    assurance_level: report.assuranceLevel,
    reasons: report.reasons,
  };
}

const notFound = () => new ApiError('not_found', 'No user with that reference_user_id or user_id.');

export const connectRoutes: FastifyPluginAsync<{ verification: CoreContext }> = async (
  app,
  { verification },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const security: Array<Record<string, string[]>> = [{ apiKeyHeader: [] }, { bearerAuth: [] }];

  route.post(
    '/v1/business_connect_user/register',
    {
      schema: {
        summary:
          'Register a user and get an invite URL for the humanness check (idempotent per reference_user_id)',
        security,
        body: registerBody,
        response: {
          200: z.object({
            status: z.literal('success'),
            invite_url: z.string(),
            user_id: z.string(),
            connection_verified: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const body = request.body;
      const referenceUserId = body.reference_user_id ?? body.reference_id;
      if (referenceUserId === undefined)
        throw new ApiError('invalid_request', 'reference_user_id is required.');
      const result = await registerConnectUser(verification, {
        project,
        mode,
        referenceUserId,
        redirectUrl: body.redirect_url ?? null,
        dataRequestType: body.data_request?.type ?? 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
        uniquenessRegionId: body.uniqueness_region_id ?? null,
      });
      if (!result.ok) {
        throw new ApiError(
          'redirect_url_not_allowed',
          "redirect_url's origin is not among this project's allowed redirect origins.",
        );
      }
      return {
        status: 'success' as const,
        invite_url: result.inviteUrl,
        user_id: result.user.id,
        connection_verified: result.user.status === 'VERIFIED',
      };
    },
  );

  route.post(
    '/v1/business_connect_user/get_status',
    {
      schema: {
        summary: "A user's verification status and, once verified, the requested data",
        security,
        body: userSelector,
        response: { 200: statusBody },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const found = await getConnectUserStatus(verification, selectorOf(request.body, project.id, mode));
      if (!found) throw notFound();
      return toStatusBody(found.user, found.session);
    },
  );

  route.post(
    '/v1/business_connect_user/revoke',
    {
      schema: {
        summary: "Revoke a user's verification (USER_VERIFICATION_REVOKED)",
        security,
        body: userSelector,
        response: { 200: statusBody },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const user = await revokeConnectUser(verification, selectorOf(request.body, project.id, mode), {
        actor: apiKeyAuditActor(request),
        accountId: project.accountId,
      });
      if (!user) throw notFound();
      return toStatusBody(user, null);
    },
  );

  route.post(
    '/v1/business_connect_user/delete',
    {
      schema: {
        summary: "Delete a user and erase the link's personal data (USER_DELETED)",
        security,
        body: userSelector,
        response: {
          200: z.object({ status: z.literal('success'), user_id: z.string(), deleted: z.literal(true) }),
        },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const user = await deleteConnectUser(verification, selectorOf(request.body, project.id, mode), {
        actor: apiKeyAuditActor(request),
        accountId: project.accountId,
      });
      if (!user) throw notFound();
      return { status: 'success' as const, user_id: user.id, deleted: true as const };
    },
  );

  route.post(
    '/v1/sandbox/outcome',
    {
      schema: {
        summary: "Test keys only: force the outcome of a user's pending verification",
        security,
        body: z
          .object({
            reference_user_id: identifier.optional(),
            reference_id: identifier.optional(),
            user_id: z.string().trim().min(1).max(64).optional(),
            outcome: z.enum(['verified', 'failed', 'duplicate', 'expired']),
          })
          .refine(
            (body) =>
              body.reference_user_id !== undefined ||
              body.reference_id !== undefined ||
              body.user_id !== undefined,
            { message: 'reference_user_id or user_id is required', path: ['reference_user_id'] },
          ),
        response: { 200: statusBody },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      if (mode !== 'test') {
        throw sandboxOnlyError();
      }
      const selector = selectorOf(request.body, project.id, mode);
      const result = await forceSandboxOutcomeForConnectUser(verification, selector, request.body.outcome);
      if (!result) throw notFound();
      if (!result.ok) throw result.reason === 'user_settled' ? userSettledError(result) : sandboxOnlyError();
      const found = await getConnectUserStatus(verification, selector);
      if (!found) throw notFound();
      return toStatusBody(found.user, found.session);
    },
  );
};

// Content stamps (docs/api.md §5; signed format in spec/stamps.md).
// Stamps are public proofs: `verify` answers for any stamp id, whichever project created it, because a
// stamp id is handed out to be checked by others (readers, platforms) and says nothing a stamp does not
// publish anyway. Live and test stay separate worlds: a key only sees stamps of its own mode, so a
// sandbox stamp can never be presented as a real one.

import { CONTENT_TYPE_PATTERN, STAMP_FORMAT as STAMP_FORMAT_V1, STAMP_ID_PATTERN } from '@poy/wire';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../../core/context.ts';
import type { SigningKeyRing } from '../../core/signing/signing-key-ring.ts';
import { createStamp, verifyStamp } from '../../core/stamps/content-stamps.ts';
import { requireAuth } from '../auth.ts';
import { ApiError } from '../error-registry.ts';

export interface DeveloperRoutesOptions {
  verification: CoreContext;
  keyRing: SigningKeyRing;
}

/** `sha256:` + 64 hex characters; upper-case hex is accepted and stored lower-case (the signed form). */
const contentHash = z
  .string()
  .regex(/^sha256:[0-9a-fA-F]{64}$/, 'must be "sha256:" followed by 64 hex characters')
  .transform((value) => value.toLowerCase());

const stampBody = z.object({
  stampId: z.string(),
  signature: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  keyId: z.string(),
  format: z.literal(STAMP_FORMAT_V1),
});

export const stampsRoutes: FastifyPluginAsync<DeveloperRoutesOptions> = async (
  app,
  { verification, keyRing },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const security = [{ bearerAuth: [] }];
  const deps = { store: verification.store, clock: verification.clock, keyRing };

  route.post(
    '/api/poy/stamps',
    {
      schema: {
        security,
        summary: 'Stamp content as made by one of your verified users (emits stamp.created)',
        body: z.object({
          userId: z.string().trim().min(1).max(256).describe('Your id for the creator: a VERIFIED user'),
          contentHash,
          contentType: z
            .string()
            .regex(
              CONTENT_TYPE_PATTERN,
              'must be 1–64 printable ASCII characters without leading or trailing spaces',
            )
            .describe('e.g. article, image/png'),
          title: z.string().trim().min(1).max(300).optional().describe('Kept with the stamp; not signed'),
          url: z
            .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL' })
            .max(2048)
            .optional()
            .describe('Where the content lives; kept with the stamp, not signed'),
        }),
        response: { 201: stampBody },
      },
    },
    async (request, reply) => {
      const { project, mode } = requireAuth(request);
      const result = await createStamp(deps, {
        project,
        mode,
        userId: request.body.userId,
        contentHash: request.body.contentHash,
        contentType: request.body.contentType,
        title: request.body.title ?? null,
        url: request.body.url ?? null,
      });
      if (!result.ok) {
        throw new ApiError(
          'forbidden',
          'Only a verified human can stamp content: this userId is not a VERIFIED user of this project (in this key’s mode).',
        );
      }
      const { stamp } = result;
      return reply.code(201).send({
        stampId: stamp.id,
        signature: stamp.signature,
        createdBy: stamp.createdBy,
        createdAt: stamp.createdAt.toISOString(),
        keyId: stamp.kid,
        format: STAMP_FORMAT_V1,
      });
    },
  );

  route.post(
    '/api/poy/stamps/verify',
    {
      schema: {
        security,
        summary:
          "Verify a stamp's signature (and, when given, that it covers contentHash) and whether its creator is still a verified human",
        body: z.object({
          stampId: z
            .string()
            .regex(STAMP_ID_PATTERN, 'must be stmp_ followed by 12 lower-case hex characters'),
          contentHash: contentHash.optional(),
        }),
        response: {
          200: z.object({
            valid: z.boolean(),
            createdBy: z.string(),
            contentType: z.string(),
            stampedAt: z.iso.datetime(),
            isHumanCreator: z.boolean(),
            keyId: z.string(),
            format: z.literal(STAMP_FORMAT_V1),
            signatureValid: z.boolean(),
            contentHashMatches: z.boolean().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { mode } = requireAuth(request);
      const result = await verifyStamp(deps, {
        mode,
        stampId: request.body.stampId,
        ...(request.body.contentHash !== undefined ? { contentHash: request.body.contentHash } : {}),
      });
      if (!result) throw new ApiError('not_found', 'No stamp with this stampId (in this key’s mode).');
      return {
        valid: result.valid,
        createdBy: result.stamp.createdBy,
        contentType: result.stamp.contentType,
        stampedAt: result.stamp.createdAt.toISOString(),
        isHumanCreator: result.isHumanCreator,
        keyId: result.stamp.kid,
        format: STAMP_FORMAT_V1,
        signatureValid: result.signatureValid,
        contentHashMatches: result.contentHashMatches,
      };
    },
  );
};

// The project behind the presented key, and that project's keys (without secrets) in the key's mode.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resolveAssurancePolicy } from '../../core/assurance/policy.ts';
import { PROJECT_WARNINGS, projectWarningsOf } from '../../core/tenancy/project-warnings.ts';
import { inviteTtlSecondsOf } from '../../core/verification/verification-sessions.ts';
import type { Store } from '../../store/store.ts';
import { requireAuth } from '../auth.ts';

const velocityLimitsBody = z.object({
  newHumansPerIpPerHour: z.number().int(),
  newHumansPerPrefixPerHour: z.number().int(),
  newHumansPerDevicePerDay: z.number().int(),
  startsPerIpPerHour: z.number().int(),
  startsPerDevicePerHour: z.number().int(),
  velocityAction: z.enum(['review', 'fail']),
});

const assurancePolicyBody = z
  .object({
    requiredLevel: z.enum(['passkey', 'liveness', 'unique']),
    attestationRequired: z.boolean(),
    aaguidAllowList: z.array(z.string()).describe('Authenticator models (AAGUIDs) accepted, lower case'),
    velocityLimits: velocityLimitsBody,
  })
  .describe("The project's effective assurance policy, defaults applied (docs/assurance.md §2)");

const projectBody = z.object({
  id: z.string(),
  publicId: z.string(),
  name: z.string(),
  plan: z.enum(['free', 'pro', 'enterprise']),
  mode: z.enum(['live', 'test']),
  trustThreshold: z.number().int(),
  redirectOrigins: z.array(z.string()),
  inviteTtlSeconds: z.number().int().describe("How long this project's invites stay usable, in seconds"),
  assurancePolicy: assurancePolicyBody,
  createdAt: z.iso.datetime(),
  warnings: z
    .array(z.enum(PROJECT_WARNINGS))
    .describe('Settings to fix: redirect_origins_unset (live mode, any redirect URL is accepted)'),
});

const apiKeyBody = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(['live', 'test']),
  displayPrefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export const projectRoutes: FastifyPluginAsync<{ store: Store; defaultInviteTtlSeconds: number }> = async (
  app,
  { store, defaultInviteTtlSeconds },
) => {
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/api/poy/project',
    {
      schema: {
        summary: 'The project the API key belongs to',
        security: [{ bearerAuth: [] }],
        response: { 200: projectBody },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      // Read fresh: the key's cached project does not follow settings changed by `poy project update`.
      const current = (await store.findProjectById(project.id)) ?? project;
      return {
        id: project.id,
        publicId: project.publicId,
        name: project.name,
        plan: project.plan,
        mode,
        trustThreshold: project.trustThreshold,
        redirectOrigins: project.redirectOrigins,
        inviteTtlSeconds: inviteTtlSecondsOf(current, {
          inviteTtlSeconds: defaultInviteTtlSeconds,
        }),
        assurancePolicy: resolveAssurancePolicy(current),
        createdAt: project.createdAt.toISOString(),
        warnings: projectWarningsOf(project, mode),
      };
    },
  );

  route.get(
    '/api/poy/keys',
    {
      schema: {
        summary: "The project's API keys in the presented key's mode (prefixes only, never secrets)",
        security: [{ bearerAuth: [] }],
        response: { 200: z.object({ data: z.array(apiKeyBody) }) },
      },
    },
    async (request) => {
      const { project, mode } = requireAuth(request);
      const keys = await store.listApiKeysByProject(project.id, mode);
      return {
        data: keys.map((key) => ({
          id: key.id,
          name: key.name,
          mode: key.mode,
          displayPrefix: key.displayPrefix,
          createdAt: key.createdAt.toISOString(),
          lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
          revokedAt: key.revokedAt?.toISOString() ?? null,
        })),
      };
    },
  );
};

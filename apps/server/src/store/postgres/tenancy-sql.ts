// Accounts and projects (docs/api.md §1).
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Project, ProjectSettingsPatch, TenancyStore } from '../types/tenancy.ts';
import type { ProjectsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { jsonOrNull, stringArraySchema } from './sql-values.ts';

/** The stored shape of a project's velocity limits; core checks the bounds before they get here. */
const velocityLimitsRow = z.object({
  newHumansPerIpPerHour: z.number().int(),
  newHumansPerPrefixPerHour: z.number().int(),
  newHumansPerDevicePerDay: z.number().int(),
  startsPerIpPerHour: z.number().int(),
  startsPerDevicePerHour: z.number().int(),
  velocityAction: z.enum(['review', 'fail']),
});

/** The columns a settings patch changes; an absent field is left alone. */
function settingsColumnsOf(patch: ProjectSettingsPatch) {
  return {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.plan !== undefined ? { plan: patch.plan } : {}),
    ...(patch.trustThreshold !== undefined ? { trust_threshold: patch.trustThreshold } : {}),
    ...(patch.redirectOrigins !== undefined
      ? { redirect_origins: JSON.stringify(patch.redirectOrigins) }
      : {}),
    ...(patch.webauthnRpId !== undefined ? { webauthn_rp_id: patch.webauthnRpId } : {}),
    ...(patch.webauthnRpName !== undefined ? { webauthn_rp_name: patch.webauthnRpName } : {}),
    ...(patch.webauthnOrigins !== undefined
      ? { webauthn_origins: JSON.stringify(patch.webauthnOrigins) }
      : {}),
    ...(patch.inviteTtlSeconds !== undefined ? { invite_ttl_seconds: patch.inviteTtlSeconds } : {}),
    ...(patch.requiredAssurance !== undefined ? { required_assurance: patch.requiredAssurance } : {}),
    ...(patch.attestationRequired !== undefined ? { attestation_required: patch.attestationRequired } : {}),
    ...(patch.aaguidAllowList !== undefined ? { aaguid_allow_list: patch.aaguidAllowList } : {}),
    ...(patch.velocityLimits !== undefined ? { velocity_limits: jsonOrNull(patch.velocityLimits) } : {}),
    ...(patch.brandName !== undefined ? { brand_name: patch.brandName } : {}),
    ...(patch.brandColor !== undefined ? { brand_color: patch.brandColor } : {}),
    ...(patch.brandLogoUrl !== undefined ? { brand_logo_url: patch.brandLogoUrl } : {}),
  };
}

export function createTenancyOperations({ db, announcing }: SqlScope): TenancyStore {
  return {
    async insertAccount(account) {
      const row = await db
        .insertInto('accounts')
        .values({ id: account.id, name: account.name, created_at: account.createdAt })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { id: row.id, name: row.name, createdAt: row.created_at };
    },

    async findAccountById(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
    },

    async countAccounts() {
      const row = await db
        .selectFrom('accounts')
        .select(sql<number>`count(*)::int`.as('count'))
        .executeTakeFirstOrThrow();
      return row.count;
    },

    async insertProject(project) {
      const row = await db
        .insertInto('projects')
        .values({
          id: project.id,
          account_id: project.accountId,
          name: project.name,
          public_id: project.publicId,
          plan: project.plan,
          rate_limit_per_minute: project.rateLimitPerMinute ?? null,
          rate_limit_per_day: project.rateLimitPerDay ?? null,
          trust_threshold: project.trustThreshold ?? 50,
          redirect_origins: JSON.stringify(project.redirectOrigins ?? []),
          webauthn_rp_id: project.webauthnRpId ?? null,
          webauthn_rp_name: project.webauthnRpName ?? null,
          webauthn_origins: JSON.stringify(project.webauthnOrigins ?? []),
          invite_ttl_seconds: project.inviteTtlSeconds ?? null,
          required_assurance: project.requiredAssurance ?? null,
          attestation_required: project.attestationRequired ?? false,
          aaguid_allow_list: project.aaguidAllowList ?? [],
          velocity_limits: jsonOrNull(project.velocityLimits),
          brand_name: project.brandName ?? null,
          brand_color: project.brandColor ?? null,
          brand_logo_url: project.brandLogoUrl ?? null,
          created_at: project.createdAt,
        })
        .onConflict((conflict) => conflict.column('public_id').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toProject(row) : null;
    },

    async findProjectById(id) {
      const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toProject(row) : null;
    },

    async findProjectByPublicId(publicId) {
      const row = await db
        .selectFrom('projects')
        .selectAll()
        .where('public_id', '=', publicId)
        .executeTakeFirst();
      return row ? toProject(row) : null;
    },

    // Announced: every process drops the project it cached with its API keys.
    setProjectRedirectOrigins: announcing(async ({ db, announce }, projectId, origins) => {
      const row = await db
        .updateTable('projects')
        .set({ redirect_origins: JSON.stringify(origins) })
        .where('id', '=', projectId)
        .returningAll()
        .executeTakeFirst();
      if (row) await announce({ kind: 'project', projectId });
      return row ? toProject(row) : null;
    }),

    async listProjectsByAccount(accountId) {
      const rows = await db
        .selectFrom('projects')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toProject);
    },

    // Announced: every process drops the project it cached with its API keys, so a changed policy,
    // plan or relying party applies at once everywhere.
    updateProjectSettings: announcing(async ({ db, announce }, id, patch) => {
      const changes = settingsColumnsOf(patch);
      if (Object.keys(changes).length === 0) {
        const unchanged = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
        return unchanged ? toProject(unchanged) : null;
      }
      const row = await db
        .updateTable('projects')
        .set(changes)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (row) await announce({ kind: 'project', projectId: id });
      return row ? toProject(row) : null;
    }),
  };
}

export function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    publicId: row.public_id,
    plan: z.enum(['free', 'pro', 'enterprise']).parse(row.plan),
    rateLimitPerMinute: row.rate_limit_per_minute,
    rateLimitPerDay: row.rate_limit_per_day,
    trustThreshold: row.trust_threshold,
    redirectOrigins: stringArraySchema.parse(row.redirect_origins),
    webauthnRpId: row.webauthn_rp_id,
    webauthnRpName: row.webauthn_rp_name,
    webauthnOrigins: stringArraySchema.parse(row.webauthn_origins),
    inviteTtlSeconds: row.invite_ttl_seconds,
    requiredAssurance: z.enum(['passkey', 'liveness', 'unique']).nullable().parse(row.required_assurance),
    attestationRequired: row.attestation_required,
    aaguidAllowList: stringArraySchema.parse(row.aaguid_allow_list),
    velocityLimits: velocityLimitsRow.nullable().parse(row.velocity_limits),
    brandName: row.brand_name,
    brandColor: row.brand_color,
    brandLogoUrl: row.brand_logo_url,
    createdAt: row.created_at,
  };
}

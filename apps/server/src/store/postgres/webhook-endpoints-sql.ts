// Webhook endpoints and the per-project Connect signing secret (docs/api.md §6, §7).
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type {
  ConnectWebhookSecret,
  WebhookEndpoint,
  WebhookEndpointsStore,
} from '../types/webhook-endpoints.ts';
import type { ConnectWebhookSecretsTable, WebhookEndpointsTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { modeSchema, stringArraySchema } from './sql-values.ts';

export function createWebhookEndpointsOperations({ db }: SqlScope): WebhookEndpointsStore {
  return {
    async insertWebhookEndpoint(endpoint) {
      const row = await db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint.id,
          project_id: endpoint.projectId,
          mode: endpoint.mode,
          surface: endpoint.surface,
          url: endpoint.url,
          event_types: JSON.stringify(endpoint.eventTypes),
          connect_event_type: endpoint.surface === 'connect' ? (endpoint.eventTypes[0] ?? null) : null,
          enabled: endpoint.enabled,
          disabled_reason: endpoint.disabledReason,
          secret_encrypted: endpoint.secretEncrypted,
          previous_secret_encrypted: endpoint.previousSecretEncrypted,
          previous_secret_expires_at: endpoint.previousSecretExpiresAt,
          failing_since: endpoint.failingSince,
          created_at: endpoint.createdAt,
          updated_at: endpoint.updatedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },

    async findWebhookEndpoint({ projectId, mode, id }) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('id', '=', id)
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },

    async findConnectWebhookEndpoint({ projectId, mode, eventType }) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('surface', '=', 'connect')
        .where('connect_event_type', '=', eventType)
        .executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },

    async listWebhookEndpoints({ projectId, mode, surface }) {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .where('surface', '=', surface)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toWebhookEndpoint);
    },

    async updateWebhookEndpoint(id, patch) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set({
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.eventTypes !== undefined ? { event_types: JSON.stringify(patch.eventTypes) } : {}),
          ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
          ...(patch.disabledReason !== undefined ? { disabled_reason: patch.disabledReason } : {}),
          ...(patch.secretEncrypted !== undefined ? { secret_encrypted: patch.secretEncrypted } : {}),
          ...(patch.previousSecretEncrypted !== undefined
            ? { previous_secret_encrypted: patch.previousSecretEncrypted }
            : {}),
          ...(patch.previousSecretExpiresAt !== undefined
            ? { previous_secret_expires_at: patch.previousSecretExpiresAt }
            : {}),
          ...(patch.failingSince !== undefined ? { failing_since: patch.failingSince } : {}),
          updated_at: patch.updatedAt,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toWebhookEndpoint(row);
    },

    async deleteWebhookEndpoint(id) {
      const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async findConnectWebhookSecret(projectId, mode) {
      const row = await db
        .selectFrom('connect_webhook_secrets')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('mode', '=', mode)
        .executeTakeFirst();
      return row ? toConnectWebhookSecret(row) : null;
    },

    async upsertConnectWebhookSecret(secret) {
      const values = {
        project_id: secret.projectId,
        mode: secret.mode,
        secret_encrypted: secret.secretEncrypted,
        previous_secret_encrypted: secret.previousSecretEncrypted,
        previous_secret_expires_at: secret.previousSecretExpiresAt,
        created_at: secret.createdAt,
        rotated_at: secret.rotatedAt,
      };
      const row = await db
        .insertInto('connect_webhook_secrets')
        .values(values)
        .onConflict((conflict) =>
          conflict.columns(['project_id', 'mode']).doUpdateSet({
            secret_encrypted: values.secret_encrypted,
            previous_secret_encrypted: values.previous_secret_encrypted,
            previous_secret_expires_at: values.previous_secret_expires_at,
            rotated_at: values.rotated_at,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConnectWebhookSecret(row);
    },

    async insertConnectWebhookSecret(secret) {
      const row = await db
        .insertInto('connect_webhook_secrets')
        .values({
          project_id: secret.projectId,
          mode: secret.mode,
          secret_encrypted: secret.secretEncrypted,
          previous_secret_encrypted: secret.previousSecretEncrypted,
          previous_secret_expires_at: secret.previousSecretExpiresAt,
          created_at: secret.createdAt,
          rotated_at: secret.rotatedAt,
        })
        .onConflict((conflict) => conflict.columns(['project_id', 'mode']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toConnectWebhookSecret(row) : null;
    },
  };
}

export function toWebhookEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    surface: z.enum(['connect', 'poy']).parse(row.surface),
    url: row.url,
    eventTypes: stringArraySchema.parse(row.event_types),
    enabled: row.enabled,
    disabledReason: z.enum(['manual', 'failing']).nullable().parse(row.disabled_reason),
    secretEncrypted: row.secret_encrypted,
    previousSecretEncrypted: row.previous_secret_encrypted,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toConnectWebhookSecret(row: Selectable<ConnectWebhookSecretsTable>): ConnectWebhookSecret {
  return {
    projectId: row.project_id,
    mode: modeSchema.parse(row.mode),
    secretEncrypted: row.secret_encrypted,
    previousSecretEncrypted: row.previous_secret_encrypted,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at,
  };
}

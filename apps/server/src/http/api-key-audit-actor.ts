// Who an API request acts as in the audit log: its key, named by id and display prefix (never the key),
// and the client address.
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../core/audit/record-audit-event.ts';
import { requireAuth } from './auth.ts';

export function apiKeyAuditActor(request: FastifyRequest): AuditActor {
  const { apiKey } = requireAuth(request);
  return { kind: 'api_key', keyId: apiKey.id, displayPrefix: apiKey.displayPrefix, ip: request.ip };
}

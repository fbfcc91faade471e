import type { Plan, Project, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { createId, randomBase62 } from '../ids.ts';

export const PUBLIC_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;

export interface CreateProjectInput {
  accountId: string;
  name: string;
  plan?: Plan;
  /** Wanted public id; when omitted one is derived from the name. */
  publicId?: string;
  rateLimitPerMinute?: number | null;
  rateLimitPerDay?: number | null;
  trustThreshold?: number;
  redirectOrigins?: string[];
  /** Origins of the project's own sites that run its passkey ceremonies. */
  webauthnOrigins?: string[];
  webauthnRpId?: string | null;
  webauthnRpName?: string | null;
  /** Who creates it: with an actor, the `project.created` audit event is written with the project. */
  actor?: AuditActor;
}

export type CreateProjectResult =
  | { ok: true; project: Project }
  | { ok: false; reason: 'account_not_found' | 'public_id_taken' | 'public_id_invalid' };

function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug.length >= 3 ? slug : `project-${slug}`.replace(/-+$/g, '');
}

export async function createProject(
  deps: { store: Store; clock: Clock },
  input: CreateProjectInput,
): Promise<CreateProjectResult> {
  if (input.publicId !== undefined && !PUBLIC_ID_PATTERN.test(input.publicId)) {
    return { ok: false, reason: 'public_id_invalid' };
  }
  const base = slugify(input.name);
  // A chosen public id is taken or not; a derived one gets a random suffix until it is free.
  const candidates = input.publicId
    ? [input.publicId]
    : [base, ...Array.from({ length: 5 }, () => `${base}-${randomBase62(6).toLowerCase()}`)];
  return deps.store.transaction(async (tx): Promise<CreateProjectResult> => {
    if (!(await tx.findAccountById(input.accountId))) return { ok: false, reason: 'account_not_found' };
    for (const publicId of candidates) {
      // A taken public id inserts nothing (ON CONFLICT DO NOTHING), so the transaction stays usable.
      const project = await tx.insertProject({
        id: createId('proj'),
        accountId: input.accountId,
        name: input.name,
        publicId,
        plan: input.plan ?? 'free',
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        rateLimitPerDay: input.rateLimitPerDay ?? null,
        ...(input.trustThreshold !== undefined ? { trustThreshold: input.trustThreshold } : {}),
        redirectOrigins: input.redirectOrigins ?? [],
        webauthnOrigins: input.webauthnOrigins ?? [],
        webauthnRpId: input.webauthnRpId ?? null,
        webauthnRpName: input.webauthnRpName ?? null,
        createdAt: deps.clock.now(),
      });
      if (!project) continue;
      if (input.actor !== undefined) {
        await recordAuditEvent(tx, deps.clock, input.actor, {
          accountId: project.accountId,
          projectId: project.id,
          action: 'project.created',
          target: { kind: 'project', id: project.id },
          details: { name: project.name, plan: project.plan, publicId: project.publicId },
        });
      }
      return { ok: true, project };
    }
    return { ok: false, reason: 'public_id_taken' };
  });
}

// The audit log's filters, read from the query string of the page's GET form: who (actor kind), what
// (an action prefix), which project, which UTC days, and the keyset cursor of later pages. Each field
// is checked on its own, so the page can name every bad one; a bad filter lists nothing (400) rather
// than quietly listing everything.
import { z } from 'zod';
import { addUtcDays } from '../../../core/usage/utc-days.ts';
import type { AuditActorKind, AuditEventQuery } from '../../../store/store.ts';
import type { AuditFilterField, AuditFilterValues } from '../../../web/dashboard/audit-page.ts';
import type { MessageKey } from '../../../web/i18n/translate.ts';

export const AUDIT_PAGE_SIZE = 50;

const ACTOR_KINDS: readonly AuditActorKind[] = ['member', 'api_key', 'cli', 'system'];
const ACTION_PREFIX = /^[a-z_.]{0,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** `<ISO time>~<event id>`: the last row of the previous page. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([A-Za-z0-9_]{1,80})$/;

/** One value per field; a repeated parameter (an array) is as wrong as a bad value. */
const rawQuery = z.object({
  actor: z.string().max(20).optional(),
  action: z.string().max(200).optional(),
  project: z.string().max(200).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  before: z.string().max(200).optional(),
});

export type AuditFilters = Omit<AuditEventQuery, 'accountId' | 'limit'>;

export type ParsedAuditFilters =
  | { ok: true; values: AuditFilterValues; filters: AuditFilters; paged: boolean }
  | {
      ok: false;
      values: AuditFilterValues;
      errors: Array<{ field: AuditFilterField; message: MessageKey }>;
    };

function isActorKind(value: string): value is AuditActorKind {
  return ACTOR_KINDS.some((kind) => kind === value);
}

function isUtcDay(value: string): boolean {
  return DAY.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().startsWith(value);
}

export function encodeAuditCursor(event: { createdAt: Date; id: string }): string {
  return `${event.createdAt.toISOString()}~${event.id}`;
}

/** The filters as query parameters (empty ones left out), plus the cursor when given. */
export function auditQueryString(values: AuditFilterValues, before?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== '') params.set(name, value);
  if (before !== undefined) params.set('before', before);
  return params.toString();
}

export function parseAuditFilters(query: unknown, projectIds: readonly string[]): ParsedAuditFilters {
  const raw = rawQuery.safeParse(query);
  const empty: AuditFilterValues = { actor: '', action: '', project: '', from: '', to: '' };
  if (!raw.success) {
    const fields = new Set(raw.error.issues.map((issue) => String(issue.path[0] ?? 'before')));
    const values = { ...empty };
    const errors: Array<{ field: AuditFilterField; message: MessageKey }> = [];
    if (fields.has('actor')) errors.push({ field: 'actor', message: 'dash.audit.error.actor' });
    if (fields.has('action')) errors.push({ field: 'action', message: 'dash.audit.error.action' });
    if (fields.has('project')) errors.push({ field: 'project', message: 'dash.audit.error.project' });
    if (fields.has('from')) errors.push({ field: 'from', message: 'dash.audit.error.day' });
    if (fields.has('to')) errors.push({ field: 'to', message: 'dash.audit.error.day' });
    if (fields.has('before')) errors.push({ field: 'before', message: 'dash.audit.error.before' });
    return { ok: false, values, errors };
  }
  const values: AuditFilterValues = {
    actor: raw.data.actor?.trim() ?? '',
    action: raw.data.action?.trim() ?? '',
    project: raw.data.project?.trim() ?? '',
    from: raw.data.from?.trim() ?? '',
    to: raw.data.to?.trim() ?? '',
  };
  const errors: Array<{ field: AuditFilterField; message: MessageKey }> = [];
  const filters: AuditFilters = {};
  if (values.actor !== '') {
    if (isActorKind(values.actor)) filters.actorKind = values.actor;
    else errors.push({ field: 'actor', message: 'dash.audit.error.actor' });
  }
  if (values.action !== '') {
    if (ACTION_PREFIX.test(values.action)) filters.actionPrefix = values.action;
    else errors.push({ field: 'action', message: 'dash.audit.error.action' });
  }
  if (values.project !== '') {
    // Only the account's own projects are choices; any other id is as wrong as a typo.
    if (projectIds.includes(values.project)) filters.projectId = values.project;
    else errors.push({ field: 'project', message: 'dash.audit.error.project' });
  }
  if (values.from !== '') {
    if (isUtcDay(values.from)) filters.since = new Date(`${values.from}T00:00:00.000Z`);
    else errors.push({ field: 'from', message: 'dash.audit.error.day' });
  }
  if (values.to !== '') {
    if (isUtcDay(values.to)) filters.until = new Date(`${addUtcDays(values.to, 1)}T00:00:00.000Z`);
    else errors.push({ field: 'to', message: 'dash.audit.error.day' });
  }
  if (filters.since !== undefined && filters.until !== undefined && filters.since >= filters.until) {
    errors.push({ field: 'to', message: 'dash.audit.error.range' });
  }
  const before = raw.data.before;
  if (before !== undefined && before !== '') {
    const match = CURSOR.exec(before);
    const createdAt = match?.[1] === undefined ? Number.NaN : Date.parse(match[1]);
    if (match?.[2] !== undefined && Number.isFinite(createdAt)) {
      filters.before = { createdAt: new Date(createdAt), id: match[2] };
    } else {
      errors.push({ field: 'before', message: 'dash.audit.error.before' });
    }
  }
  if (errors.length > 0) return { ok: false, values, errors };
  return { ok: true, values, filters, paged: filters.before !== undefined };
}

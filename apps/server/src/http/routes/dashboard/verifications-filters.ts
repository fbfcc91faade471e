// The verifications list's GET filters, read from the query string: each field must be one string
// within its rule, or it is refused by name (400, the form shown again with the messages, nothing
// searched). Dates are whole UTC days: "on or after" starts at its midnight, "on or before" ends at
// the next one.
import {
  decodeVerificationCursor,
  REPORTED_REASON_CODES,
  type VerificationCursor,
  type VerificationFilters,
} from '../../../core/verification/verification-search.ts';
import {
  type ReachedAssuranceLevel,
  VERIFICATION_STATES,
  type VerificationState,
} from '../../../store/store.ts';
import type { VerificationFilterForm } from '../../../web/dashboard/verifications-list-page.ts';
import type { MessageKey } from '../../../web/i18n/translate.ts';

const TEXT_MAX_LENGTH = 256;
const LEVELS: readonly ReachedAssuranceLevel[] = ['none', 'passkey', 'liveness', 'unique'];
const DAY_MS = 86_400_000;

export interface ParsedVerificationFilters {
  /** What to show in the form again (each field as sent, or empty). */
  form: VerificationFilterForm;
  filters: VerificationFilters;
  after: VerificationCursor | null;
  errors: MessageKey[];
}

/** A query parameter as one string: absent is '', a repeated one is refused (null). */
function single(query: Record<string, unknown>, name: string): string | null {
  const value = query[name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : null;
}

function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC rolls 2026-02-31 over into March; a date that does not come back the same was not real.
  return day.toISOString().slice(0, 10) === value ? day : null;
}

function isState(value: string): value is VerificationState {
  return (VERIFICATION_STATES as readonly string[]).includes(value);
}

function isLevel(value: string): value is ReachedAssuranceLevel {
  return (LEVELS as readonly string[]).includes(value);
}

export function parseVerificationFilters(query: unknown): ParsedVerificationFilters {
  const record: Record<string, unknown> =
    typeof query === 'object' && query !== null ? Object.fromEntries(Object.entries(query)) : {};
  const errors: MessageKey[] = [];
  const read = (name: string, error: MessageKey): string => {
    const value = single(record, name);
    if (value === null) {
      errors.push(error);
      return '';
    }
    return value;
  };
  const form: VerificationFilterForm = {
    q: read('q', 'dash.verifications.filters.error.text'),
    state: read('state', 'dash.verifications.filters.error.state'),
    level: read('level', 'dash.verifications.filters.error.level'),
    reason: read('reason', 'dash.verifications.filters.error.reason'),
    from: read('from', 'dash.verifications.filters.error.from'),
    to: read('to', 'dash.verifications.filters.error.to'),
  };
  const afterValue = read('after', 'dash.verifications.filters.error.after');

  const filters: VerificationFilters = {};
  const text = form.q.trim();
  if (text.length > TEXT_MAX_LENGTH) errors.push('dash.verifications.filters.error.text');
  else if (text !== '') filters.text = text;
  if (form.state !== '') {
    if (isState(form.state)) filters.state = form.state;
    else errors.push('dash.verifications.filters.error.state');
  }
  if (form.level !== '') {
    if (isLevel(form.level)) filters.assuranceLevel = form.level;
    else errors.push('dash.verifications.filters.error.level');
  }
  if (form.reason !== '') {
    if (REPORTED_REASON_CODES.includes(form.reason)) filters.reason = form.reason;
    else errors.push('dash.verifications.filters.error.reason');
  }
  const from = form.from === '' ? null : parseDay(form.from);
  if (form.from !== '' && from === null) errors.push('dash.verifications.filters.error.from');
  const to = form.to === '' ? null : parseDay(form.to);
  if (form.to !== '' && to === null) errors.push('dash.verifications.filters.error.to');
  if (from !== null) filters.createdSince = from;
  if (to !== null) filters.createdBefore = new Date(to.getTime() + DAY_MS);
  if (from !== null && to !== null && from > to) errors.push('dash.verifications.filters.error.range');
  let after: VerificationCursor | null = null;
  if (afterValue !== '') {
    after = decodeVerificationCursor(afterValue);
    if (after === null) errors.push('dash.verifications.filters.error.after');
  }
  // A refused field is echoed as sent, except one that was not a single string.
  return { form, filters, after, errors: [...new Set(errors)] };
}

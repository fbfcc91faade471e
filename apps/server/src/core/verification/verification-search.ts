// The dashboard's verifications list (docs/dashboard.md §6): a search within one project and mode,
// filters that mean what the API reports, and keyset pages. The text a member types is matched
// exactly against the ids a business holds (verification id, user id, its own reference id, PoY id);
// nothing here widens the store's project-and-mode scope.
import type {
  KeyMode,
  Project,
  ReachedAssuranceLevel,
  VerificationListEntry,
  VerificationState,
} from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { parsePoyId } from '../identity/poy-id.ts';
import { HUMANNESS_REASONS } from '../scoring/humanness-reasons.ts';
import { reportVerification, type VerificationReport } from './verification-report.ts';
import { verificationStateOf } from './verification-state.ts';

/** Every reason code a read can report (docs/assurance.md §6, docs/scoring.md), in that order. */
export const REPORTED_REASON_CODES: readonly string[] = [
  ...HUMANNESS_REASONS,
  'FACE_REVIEW',
  'VELOCITY',
  'ATTESTATION_REQUIRED',
  'ASSURANCE_BELOW_POLICY',
  'DUPLICATE_HUMAN',
  'EXPIRED',
];

export interface VerificationFilters {
  /** A verification id, user id, reference id or PoY id. */
  text?: string;
  state?: VerificationState;
  assuranceLevel?: ReachedAssuranceLevel;
  reason?: string;
  createdSince?: Date;
  createdBefore?: Date;
}

/** Where the next page starts: after the last row of this one. */
export interface VerificationCursor {
  createdAt: Date;
  id: string;
}

export interface ListedVerification extends VerificationListEntry {
  state: VerificationState;
  report: VerificationReport;
}

export interface VerificationPage {
  items: ListedVerification[];
  /** Null on the last page. */
  next: VerificationCursor | null;
}

export async function searchProjectVerifications(
  deps: Pick<CoreContext, 'store'>,
  input: {
    project: Project;
    mode: KeyMode;
    filters: VerificationFilters;
    after: VerificationCursor | null;
    limit: number;
  },
): Promise<VerificationPage> {
  const { filters } = input;
  // One more than a page: whether it came back says if there is a next page.
  const found = await deps.store.searchVerifications({
    projectId: input.project.id,
    mode: input.mode,
    ...(filters.text === undefined
      ? {}
      : { text: { value: filters.text, poyCode: parsePoyId(filters.text) } }),
    ...(filters.state === undefined ? {} : { state: filters.state }),
    ...(filters.assuranceLevel === undefined ? {} : { assuranceLevel: filters.assuranceLevel }),
    ...(filters.reason === undefined ? {} : { reason: filters.reason }),
    ...(filters.createdSince === undefined ? {} : { createdSince: filters.createdSince }),
    ...(filters.createdBefore === undefined ? {} : { createdBefore: filters.createdBefore }),
    ...(input.after === null ? {} : { after: input.after }),
    limit: input.limit + 1,
  });
  const items = found.slice(0, input.limit).map((entry) => ({
    ...entry,
    state: verificationStateOf(entry.session),
    report: reportVerification(entry.session),
  }));
  const last = items.at(-1);
  return {
    items,
    next:
      found.length > input.limit && last ? { createdAt: last.session.createdAt, id: last.session.id } : null,
  };
}

const CURSOR_PATTERN = /^(\d{1,15})\.(vs_[A-Za-z0-9]{1,64})$/;

/** A cursor as a URL parameter: the time in milliseconds and the id (`1767225600000.vs_…`). */
export function encodeVerificationCursor(cursor: VerificationCursor): string {
  return `${cursor.createdAt.getTime()}.${cursor.id}`;
}

export function decodeVerificationCursor(value: string): VerificationCursor | null {
  const match = CURSOR_PATTERN.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const createdAt = new Date(Number(match[1]));
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: match[2] };
}

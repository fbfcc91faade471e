// One verification for the dashboard's detail page (docs/dashboard.md §6): the row as the list shows
// it, its timeline, and its evidence; null unless it is this project's, in this mode.
import type { KeyMode, Project, VerificationListEntry, VerificationState } from '../../store/store.ts';
import type { CoreContext } from '../context.ts';
import { describeVerificationEvidence, type VerificationEvidence } from './verification-evidence.ts';
import { reportVerification, type VerificationReport } from './verification-report.ts';
import { verificationStateOf } from './verification-state.ts';
import { buildVerificationTimeline, type VerificationTimeline } from './verification-timeline.ts';

export interface VerificationDetail extends VerificationListEntry {
  state: VerificationState;
  report: VerificationReport;
  timeline: VerificationTimeline;
  evidence: VerificationEvidence;
}

export async function getVerificationDetail(
  deps: Pick<CoreContext, 'store'>,
  input: { project: Project; mode: KeyMode; verificationId: string },
): Promise<VerificationDetail | null> {
  const entry = await deps.store.findProjectVerification({
    projectId: input.project.id,
    mode: input.mode,
    verificationId: input.verificationId,
  });
  if (!entry) return null;
  return {
    ...entry,
    state: verificationStateOf(entry.session),
    report: reportVerification(entry.session),
    timeline: buildVerificationTimeline(entry.session),
    evidence: await describeVerificationEvidence(deps.store, input.project, entry.session),
  };
}

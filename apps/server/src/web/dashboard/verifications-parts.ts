// Pieces the verification pages share: times, status and level words, and reason codes shown as the
// code plus its plain sentence from the catalog (`reason.*`). Words come from fixed tables of literal
// catalog keys, so a state or level never turns into a key nobody wrote.
import type { ReachedAssuranceLevel, VerificationState } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import { isMessageKey, type MessageKey, type Translator } from '../i18n/translate.ts';

const STATE_LABELS: Readonly<Record<VerificationState, MessageKey>> = {
  pending: 'dash.verifications.state.pending',
  verified: 'dash.verifications.state.verified',
  failed: 'dash.verifications.state.failed',
  duplicate: 'dash.verifications.state.duplicate',
  review: 'dash.verifications.state.review',
  expired: 'dash.verifications.state.expired',
  cancelled: 'dash.verifications.state.cancelled',
};

const LEVEL_LABELS: Readonly<Record<ReachedAssuranceLevel, MessageKey>> = {
  none: 'dash.verifications.level.none',
  passkey: 'dash.verifications.level.passkey',
  liveness: 'dash.verifications.level.liveness',
  unique: 'dash.verifications.level.unique',
};

export function stateLabel(translator: Translator, state: VerificationState): string {
  return translator.t(STATE_LABELS[state]);
}

export function levelLabel(translator: Translator, level: ReachedAssuranceLevel | null): string {
  return translator.t(level === null ? 'dash.verifications.level.unknown' : LEVEL_LABELS[level]);
}

/** The status as a tag: the word carries the meaning, the style only repeats it. */
export function renderStateTag(translator: Translator, state: VerificationState): SafeHtml {
  const tone =
    state === 'verified' ? '' : state === 'review' || state === 'pending' ? ' tag--test' : ' tag--danger';
  return html`<span class="tag${tone}">${stateLabel(translator, state)}</span>`;
}

/** UTC, to the second, in a <time> element carrying the exact instant. */
export function renderTime(time: Date): SafeHtml {
  const iso = time.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC</time>`;
}

/** The catalog's plain sentence for a reason code (docs/assurance.md §6), or the generic one. */
export function reasonSentence(translator: Translator, code: string, projectName: string): string {
  if (code === 'EXPIRED') return translator.t('dash.verifications.reasonExpired');
  const key = `reason.${code}`;
  return translator.t(isMessageKey(key) ? key : 'reason.unknown', { projectName });
}

export function renderReasons(
  translator: Translator,
  reasons: readonly string[],
  projectName: string,
): SafeHtml {
  if (reasons.length === 0) return html`<span>${translator.t('dash.verifications.noReasons')}</span>`;
  return html`<ul class="reason-codes">${reasons.map(
    (code) =>
      html`<li><code>${code}</code> <span class="reason-codes__sentence">${reasonSentence(translator, code, projectName)}</span></li>`,
  )}</ul>`;
}

/** When it finished, or "Not finished" while pending or held (a hold is not a result). */
export function renderFinished(
  translator: Translator,
  state: VerificationState,
  completedAt: Date | null,
): SafeHtml | string {
  if (state === 'pending' || state === 'review' || completedAt === null) {
    return translator.t('dash.verifications.notFinished');
  }
  return renderTime(completedAt);
}

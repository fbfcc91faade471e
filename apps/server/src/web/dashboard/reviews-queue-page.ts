// /dashboard/p/{projectId}/{mode}/reviews: the verifications held for review, oldest first, each with
// the evidence that is kept and (for members allowed to) the two decisions of docs/assurance.md §4.
// A statement at the top says that no images are kept, since a reviewer may expect to see a face.
import { canPerform } from '../../core/members/member-roles.ts';
import type { QueuedReview } from '../../core/verification/review-queue.ts';
import type { KeyMode } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import { renderEvidence, renderNoImagesStatement } from './verifications-evidence.ts';
import { verificationPath } from './verifications-list-page.ts';
import { renderReasons, renderTime } from './verifications-parts.ts';

export interface ReviewsQueuePageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  queue: readonly QueuedReview[];
  notice: MessageKey | null;
  /** Why a decision was refused (409: decided already; 400: no such decision). */
  error: MessageKey | null;
}

export function reviewDecisionPath(projectId: string, mode: KeyMode, verificationId: string): string {
  return `${projectPath(projectId, mode, 'reviews')}/${encodeURIComponent(verificationId)}`;
}

function renderDecisions(input: ReviewsQueuePageInput, item: QueuedReview): HtmlValue {
  const { translator, viewer, project, mode } = input;
  const { t } = translator;
  // A courtesy: the server refuses a decision from any other role whatever the page shows.
  if (!canPerform(viewer.role, 'review.decide')) return null;
  const action = reviewDecisionPath(project.id, mode, item.session.id);
  const id = item.session.id;
  return html`<div class="review-decisions">
<form method="post" action="${action}" class="dash-inline-form" data-confirm="${t('dash.reviews.approveConfirm', { id })}">${csrfField(viewer)}<input type="hidden" name="decision" value="approve"><button type="submit" class="button button--primary">${t('dash.reviews.approve')}</button></form>
<form method="post" action="${action}" class="dash-inline-form" data-confirm="${t('dash.reviews.duplicateConfirm', { id })}">${csrfField(viewer)}<input type="hidden" name="decision" value="duplicate"><button type="submit" class="button">${t('dash.reviews.duplicate')}</button></form>
</div>`;
}

function renderItem(input: ReviewsQueuePageInput, item: QueuedReview): SafeHtml {
  const { translator, project, mode } = input;
  const { t } = translator;
  const headingId = `review-${item.session.id}`;
  return html`<article class="review-item" aria-labelledby="${headingId}">
<h2 id="${headingId}">${t('dash.reviews.item', { id: item.session.id })}${item.user === null ? null : html` — <span class="user-ref">${item.user.referenceUserId}</span>`}</h2>
<dl class="facts-list">
<dt>${t('dash.reviews.heldAt')}</dt><dd>${item.heldAt === null ? '—' : renderTime(item.heldAt)}</dd>
<dt>${t('dash.reviews.reasons')}</dt><dd>${renderReasons(translator, item.evidence.reasons, project.name)}</dd>
</dl>
${renderEvidence(translator, item.evidence)}
<p><a href="${verificationPath(project.id, mode, item.session.id)}">${t('dash.reviews.details')}</a></p>
${renderDecisions(input, item)}
</article>`;
}

export function renderReviewsQueuePage(input: ReviewsQueuePageInput): SafeHtml {
  const { translator } = input;
  const { t } = translator;
  const body = html`<p>${t('dash.reviews.intro')}</p>
${renderNoImagesStatement(translator)}
${input.notice === null ? null : html`<p class="dash-notice" role="status">${t(input.notice)}</p>`}
${input.error === null ? null : html`<p class="dash-error" role="alert">${t(input.error)}</p>`}
${input.queue.length === 0 ? html`<p>${t('dash.reviews.empty')}</p>` : input.queue.map((item) => renderItem(input, item))}`;
  return renderDashboardPage({
    translator,
    viewer: input.viewer,
    title: t('dash.reviews.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'reviews',
  });
}

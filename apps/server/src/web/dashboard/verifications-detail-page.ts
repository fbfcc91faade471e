// /dashboard/p/{projectId}/{mode}/verifications/{id}: one verification, its timeline and reason codes,
// the evidence kept, and (for members allowed to) revoking or deleting its user, each behind a
// confirmation box the server checks too, so the confirmation works without JavaScript.

import { formatPoyId } from '../../core/identity/poy-id.ts';
import { canPerform } from '../../core/members/member-roles.ts';
import type { VerificationDetail } from '../../core/verification/verification-detail.ts';
import type { TimelineStep } from '../../core/verification/verification-timeline.ts';
import type { KeyMode } from '../../store/store.ts';
import { type HtmlValue, html, messageHtml, type SafeHtml } from '../html.ts';
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
import {
  levelLabel,
  renderFinished,
  renderReasons,
  renderStateTag,
  renderTime,
  stateLabel,
} from './verifications-parts.ts';

export interface VerificationDetailPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: KeyMode;
  detail: VerificationDetail;
  notice: MessageKey | null;
  /** A refused action's message (400: the confirmation box was not ticked). */
  error: MessageKey | null;
}

function stepText(translator: Translator, step: TimelineStep): string {
  const { t } = translator;
  switch (step.kind) {
    case 'invited':
      return t('dash.verifications.timeline.invited');
    case 'opened':
      return t('dash.verifications.timeline.opened');
    case 'passkey':
      if (step.returning === null) return t('dash.verifications.timeline.passkey');
      return t(
        step.returning
          ? 'dash.verifications.timeline.passkeyUsed'
          : 'dash.verifications.timeline.passkeyCreated',
      );
    case 'camera': {
      const attempts = step.attempts ?? 0;
      if (step.status === 'passed') return t('dash.verifications.timeline.cameraPassed', { attempts });
      if (step.status === 'failed') return t('dash.verifications.timeline.cameraFailed', { attempts });
      if (step.status === 'skipped') return t('dash.verifications.timeline.cameraSkipped');
      return t('dash.verifications.timeline.camera');
    }
    case 'held':
      return t('dash.verifications.timeline.held');
    case 'result': {
      const state = stateLabel(translator, step.state);
      return t(step.decided ? 'dash.verifications.timeline.decided' : 'dash.verifications.timeline.result', {
        state,
      });
    }
  }
}

function renderTimeline(input: VerificationDetailPageInput): SafeHtml {
  const { translator } = input;
  const { timeline } = input.detail;
  return html`<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">${translator.t('dash.verifications.detail.timeline')}</h2>
<ol class="timeline">${timeline.steps.map((step) => html`<li>${renderTime(step.at)} — ${stepText(translator, step)}</li>`)}</ol>
${
  timeline.openUntil === null
    ? null
    : html`<p>${messageHtml(translator.template('dash.verifications.detail.openUntil'), { time: renderTime(timeline.openUntil) })}</p>`
}
</section>`;
}

function renderSummary(input: VerificationDetailPageInput): SafeHtml {
  const { translator, detail } = input;
  const { t } = translator;
  const user: HtmlValue =
    detail.user === null
      ? t('dash.verifications.enrollment')
      : html`<span class="user-ref">${detail.user.referenceUserId}</span><br><small>${t('dash.verifications.userId', { id: detail.user.id })}</small><br><small>${t('dash.verifications.detail.userStatus', { status: detail.user.status })}</small>`;
  return html`<section aria-labelledby="summary-heading">
<h2 id="summary-heading">${t('dash.verifications.detail.summary')}</h2>
<dl class="facts-list">
<dt>${t('dash.verifications.detail.state')}</dt><dd>${renderStateTag(translator, detail.state)}</dd>
<dt>${t('dash.verifications.detail.level')}</dt><dd>${levelLabel(translator, detail.session.assuranceLevel)}</dd>
<dt>${t('dash.verifications.detail.user')}</dt><dd>${user}</dd>
<dt>${t('dash.verifications.detail.poyId')}</dt><dd>${detail.poyCode === null ? t('dash.verifications.detail.noPoyId') : formatPoyId(detail.poyCode)}</dd>
<dt>${t('dash.verifications.table.created')}</dt><dd>${renderTime(detail.session.createdAt)}</dd>
<dt>${t('dash.verifications.table.finished')}</dt><dd>${renderFinished(translator, detail.state, detail.session.completedAt)}</dd>
</dl>
<h3>${t('dash.verifications.detail.reasons')}</h3>
${renderReasons(translator, detail.report.reasons, input.project.name)}
</section>`;
}

function renderActions(input: VerificationDetailPageInput): HtmlValue {
  const { translator, viewer, detail, project, mode } = input;
  const { t } = translator;
  // A courtesy: the server refuses these for any other role whatever the page shows.
  if (!canPerform(viewer.role, 'verification.manage')) return null;
  const base = verificationPath(project.id, mode, detail.session.id);
  const user = detail.user;
  const content: HtmlValue =
    user === null
      ? html`<p>${t('dash.verifications.manage.noUser')}</p>`
      : html`<h3>${t('dash.verifications.manage.revokeHeading')}</h3>
${
  user.status === 'REVOKED'
    ? html`<p>${t('dash.verifications.manage.alreadyRevoked', { referenceId: user.referenceUserId })}</p>`
    : html`<p>${t('dash.verifications.manage.revokeBody', { referenceId: user.referenceUserId })}</p>
<form method="post" action="${base}/revoke" class="dash-form">${csrfField(viewer)}
<label class="dash-form__check"><input type="checkbox" name="confirm" value="yes" required> ${t('dash.verifications.manage.revokeConfirm', { referenceId: user.referenceUserId })}</label>
<div><button type="submit" class="button">${t('dash.verifications.manage.revoke')}</button></div>
</form>`
}
<h3>${t('dash.verifications.manage.deleteHeading')}</h3>
<p>${t('dash.verifications.manage.deleteBody', { referenceId: user.referenceUserId })}</p>
<form method="post" action="${base}/delete" class="dash-form">${csrfField(viewer)}
<label class="dash-form__check"><input type="checkbox" name="confirm" value="yes" required> ${t('dash.verifications.manage.deleteConfirm', { referenceId: user.referenceUserId })}</label>
<div><button type="submit" class="button button--danger">${t('dash.verifications.manage.delete')}</button></div>
</form>`;
  return html`<section aria-labelledby="manage-heading">
<h2 id="manage-heading">${t('dash.verifications.manage.heading')}</h2>
${content}
</section>`;
}

export function renderVerificationDetailPage(input: VerificationDetailPageInput): SafeHtml {
  const { translator, detail, project, mode } = input;
  const { t } = translator;
  const held =
    detail.state === 'review'
      ? html`<p class="dash-notice" role="note">${t('dash.verifications.detail.heldNotice')} <a href="${projectPath(project.id, mode, 'reviews')}">${t('dash.verifications.detail.toQueue')}</a></p>`
      : null;
  const body = html`<p><a href="${projectPath(project.id, mode, 'verifications')}">${t('dash.verifications.detail.back')}</a></p>
${input.notice === null ? null : html`<p class="dash-notice" role="status">${t(input.notice)}</p>`}
${input.error === null ? null : html`<p class="dash-error" role="alert">${t(input.error)}</p>`}
${held}
${renderSummary(input)}
${renderTimeline(input)}
<section aria-labelledby="evidence-heading">
<h2 id="evidence-heading">${t('dash.verifications.evidence.heading')}</h2>
${renderNoImagesStatement(translator)}
${renderEvidence(translator, detail.evidence)}
</section>
${renderActions(input)}`;
  return renderDashboardPage({
    translator,
    viewer: input.viewer,
    title: t('dash.verifications.detail.title', { id: detail.session.id }),
    body,
    projects: input.projects,
    current: { project, mode },
    section: 'verifications',
  });
}

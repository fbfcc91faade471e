// Fragments used by more than one page: the end state of an invite and its expiry line.
import { html, messageHtml, type SafeHtml, safeHttpUrl } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import type { InviteStatus } from '../invite-page-model.ts';

type TerminalStatus = Exclude<InviteStatus, 'PENDING'>;

const END_STATE_KEYS = {
  IN_REVIEW: { title: 'status.IN_REVIEW.title', body: 'status.IN_REVIEW.body' },
  VERIFIED: { title: 'status.VERIFIED.title', body: 'status.VERIFIED.body' },
  UNFULFILLABLE: { title: 'status.UNFULFILLABLE.title', body: 'status.UNFULFILLABLE.body' },
  EXPIRED: { title: 'status.EXPIRED.title', body: 'status.EXPIRED.body' },
  REVOKED: { title: 'status.REVOKED.title', body: 'status.REVOKED.body' },
} as const;

export interface EndStateInput {
  translator: Translator;
  /** PENDING renders the section hidden and empty, for the client script to fill in later. */
  status: InviteStatus;
  projectName: string;
  redirectUrl: string | null;
  /** Offered as the way back when the link has ended without a redirect (expired, revoked, refused). */
  projectSiteUrl: string | null;
}

/** A link back to the project's own site, when it is known and is a plain http(s) URL. */
export function renderProjectSiteLink(
  translator: Translator,
  projectName: string,
  projectSiteUrl: string | null,
  id: string,
): SafeHtml | null {
  const href = safeHttpUrl(projectSiteUrl);
  if (href === null) return null;
  return html`<p id="${id}"><a class="button" href="${href}">${translator.t('common.goToProject', { projectName })}</a></p>`;
}

/** The end states in which the person can only start again with a new link from the project. */
const NEW_LINK_STATES: ReadonlySet<TerminalStatus> = new Set(['EXPIRED', 'REVOKED', 'UNFULFILLABLE']);

/** The terminal state of an invite; the client script fills the same elements when it ends live. */
export function renderEndState(input: EndStateInput): SafeHtml {
  const { t } = input.translator;
  const status: TerminalStatus | null = input.status === 'PENDING' ? null : input.status;
  const keys = status === null ? null : END_STATE_KEYS[status];
  const redirectUrl = safeHttpUrl(input.redirectUrl);
  const params = { projectName: input.projectName };
  return html`<section id="end-state" class="end-state" data-status="${status ?? ''}" aria-labelledby="end-title" tabindex="-1"${status === null ? html` hidden` : null}>
<span class="end-state__icon" aria-hidden="true"></span>
<h1 id="end-title">${keys === null ? '' : t(keys.title)}</h1>
<p id="end-body">${keys === null ? '' : redirectUrl === null ? t(keys.body, params) : t('common.redirecting', params)}</p>
<p id="end-continue"${redirectUrl === null ? html` hidden` : null}><a id="end-continue-link" class="button button--primary" href="${redirectUrl ?? '#'}">${t('common.continueTo', params)}</a></p>
${redirectUrl === null && status !== null && NEW_LINK_STATES.has(status) ? renderProjectSiteLink(input.translator, input.projectName, input.projectSiteUrl, 'end-site') : null}
</section>`;
}

/** UTC on the server (it does not know the reader's zone); the client script rewrites it in local time. */
export function formatUtcTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function renderExpiry(translator: Translator, expiresAt: Date): SafeHtml {
  const time = html`<time datetime="${expiresAt.toISOString()}" data-local-time>${formatUtcTime(expiresAt)}</time>`;
  return html`<p class="expiry" id="expiry">${messageHtml(translator.template('common.expiresAt'), { time })}</p>`;
}

/**
 * The invite's phone flow is bound to another device (core/verification/flow/device-binding.ts): what
 * happened and what to do, on the phone page that replaces the flow and beside the desktop's QR code.
 */
export function renderInUseNotice(
  translator: Translator,
  projectName: string,
  projectSiteUrl: string | null = null,
): SafeHtml {
  const { t } = translator;
  const params = { projectName };
  return html`<section id="in-use" class="alert" role="status" aria-labelledby="in-use-title">
<h2 id="in-use-title" class="alert__title">${t('inUse.heading')}</h2>
<p>${t('inUse.body', params)}</p>
<ul>
<li>${t('inUse.finish')}</li>
<li>${t('inUse.newLink', params)}</li>
</ul>
${renderProjectSiteLink(translator, projectName, projectSiteUrl, 'in-use-site')}
</section>`;
}

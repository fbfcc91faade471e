// The invite seen on a computer: a QR code of the invite URL, the short code to type at /join, live
// progress (desktop.js), then the redirect or an end state. No timers end the session here: the page
// shows when the link expires and otherwise waits for as long as the person needs.
import { html, messageHtml, type SafeHtml, trustedHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { type InvitePageModel, isTerminalStatus } from '../invite-page-model.ts';
import { renderLayout } from './layout.ts';
import { renderEndState, renderExpiry, renderInUseNotice } from './parts.ts';
import { renderProjectBrand } from './project-brand.ts';

export interface DesktopPageInput {
  translator: Translator;
  code: string;
  invite: InvitePageModel;
  /** `<svg>…</svg>` from the qrcode package (generated here, never user input). */
  qrSvg: string;
  /** Absolute URL of the short-code form. */
  joinUrl: string;
}

export const DESKTOP_CLIENT_MESSAGE_PREFIXES = ['common.', 'status.'] as const;

/** Adds an accessible name to the generated SVG, which comes without one. */
function labelSvg(svg: string, label: string): SafeHtml {
  const escapedLabel = html`${label}`.value;
  return trustedHtml(
    svg.replace(/^<svg /, `<svg role="img" aria-label="${escapedLabel}" focusable="false" `),
  );
}

/** The join URL as people type it: without the scheme. */
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/** "ABCD-2345" read out character by character, so a screen reader does not pronounce it as a word. */
function spellOut(shortCode: string): string {
  return [...shortCode.replace(/[^0-9A-Za-z]/g, '')].join(' ');
}

export function renderDesktopPage(input: DesktopPageInput): SafeHtml {
  const { translator, invite } = input;
  const { t } = translator;
  const params = { projectName: invite.projectName };
  const terminal = isTerminalStatus(invite.status);
  const joinLink = html`<strong class="join-url">${displayUrl(input.joinUrl)}</strong>`;

  const body = html`<main id="main" class="page page--desktop">
${renderProjectBrand(invite.branding)}
<div id="pending-view"${terminal ? html` hidden` : null}>
<h1>${t('desktop.heading')}</h1>
<p class="lead">${t('desktop.intro', params)}</p>
${invite.device === 'other_device' ? renderInUseNotice(translator, invite.projectName, invite.projectSiteUrl) : null}
<div class="handoff">
<figure class="qr">
<div class="qr__code">${labelSvg(input.qrSvg, t('desktop.qrLabel'))}</div>
<figcaption>${t('desktop.scanHint')}</figcaption>
</figure>
<div class="handoff__code">
<p>${messageHtml(translator.template('desktop.orType'), { joinUrl: joinLink })}</p>
<p class="short-code"><span aria-hidden="true">${invite.shortCode}</span><span class="visually-hidden">${t('desktop.shortCodeSpelled', { spelled: spellOut(invite.shortCode) })}</span></p>
</div>
</div>
<section class="progress" aria-labelledby="progress-heading">
<h2 id="progress-heading" class="visually-hidden">${t('desktop.progressHeading')}</h2>
<p id="progress" class="progress__line" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span><span id="progress-text">${t('status.PENDING')}</span></p>
</section>
<p class="alternative"><a href="?on=phone">${t('desktop.openHere')}</a></p>
${renderExpiry(translator, invite.expiresAt)}
</div>
${renderEndState({ translator, status: invite.status, projectName: invite.projectName, redirectUrl: invite.redirectUrl, projectSiteUrl: invite.projectSiteUrl })}
</main>`;

  return renderLayout({
    translator,
    title: t('desktop.title'),
    body,
    sandbox: invite.mode === 'test',
    script: '/assets/desktop.js',
    bodyClass: 'view-desktop',
    config: {
      code: input.code,
      status: invite.status,
      projectName: invite.projectName,
      redirectUrl: invite.redirectUrl,
      messages: translator.pick(DESKTOP_CLIENT_MESSAGE_PREFIXES),
    },
  });
}

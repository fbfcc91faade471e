// The invite on a phone: the check itself. Every step is rendered here, hidden, from the catalog; the
// client script (phone.js) only shows steps, fills dynamic text from the messages in its config and
// talks to the /flow JSON routes. When the invite is already over, only the end state is rendered.
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { type InvitePageModel, isTerminalStatus } from '../invite-page-model.ts';
import { renderLayout } from './layout.ts';
import { renderEndState, renderExpiry } from './parts.ts';
import { renderProjectBrand } from './project-brand.ts';

export interface PhonePageInput {
  translator: Translator;
  code: string;
  invite: InvitePageModel;
}

export const PHONE_CLIENT_MESSAGE_PREFIXES = ['common.', 'status.', 'phone.', 'reason.'] as const;

const SANDBOX_OUTCOMES = ['verified', 'failed', 'duplicate', 'expired'] as const;

// The buttons visible before phone.js runs (Continue, the sandbox outcomes) are rendered disabled and
// enabled by the script once their handlers are attached: the page is shown while its module script
// still loads, and a tap before that would otherwise be lost without any feedback.
function renderSteps(translator: Translator, invite: InvitePageModel): SafeHtml {
  const { t } = translator;
  const params = { projectName: invite.projectName };
  const sharedKey =
    invite.dataRequestType === 'IS_PHONE_NUMBER_VERIFIED'
      ? 'phone.intro.sharedPhone'
      : 'phone.intro.sharedScore';
  return html`<div id="alert" class="alert" role="alert" hidden>
<h2 class="alert__title">${t('phone.error.heading')}</h2>
<p id="alert-message"></p>
<button id="alert-retry" class="button button--primary" type="button">${t('common.tryAgain')}</button>
</div>
<section id="step-intro" class="step" aria-labelledby="intro-title">
<h1 id="intro-title" tabindex="-1">${t('phone.intro.heading', params)}</h1>
<div class="facts">
<h2>${t('phone.intro.checkedHeading')}</h2>
<ul>
<li>${t('phone.intro.checkedPasskey')}</li>
<li>${t('phone.intro.checkedCamera')}</li>
</ul>
<h2>${t('phone.intro.storedHeading')}</h2>
<ul>
<li>${t('phone.intro.storedPasskey')}</li>
<li>${t('phone.intro.storedScore')}</li>
<li>${t('phone.intro.storedFace')}</li>
<li>${t('phone.intro.storedNever')}</li>
</ul>
<h2>${t('phone.intro.sharedHeading', params)}</h2>
<ul>
<li>${t(sharedKey, params)}</li>
</ul>
</div>
<button id="intro-continue" class="button button--primary button--block" type="button" disabled>${t('phone.intro.continue')}</button>
</section>
<section id="step-passkey" class="step" aria-labelledby="passkey-title" hidden>
<h1 id="passkey-title" tabindex="-1">${t('phone.passkey.heading')}</h1>
<p class="lead">${t('phone.passkey.body')}</p>
<div class="choices">
<div class="choice">
<button id="passkey-create" class="button button--primary button--block" type="button" aria-describedby="passkey-create-hint">${t('phone.passkey.create')}</button>
<p id="passkey-create-hint" class="hint">${t('phone.passkey.createHint')}</p>
</div>
<div class="choice">
<button id="passkey-existing" class="button button--block" type="button" aria-describedby="passkey-existing-hint">${t('phone.passkey.existing')}</button>
<p id="passkey-existing-hint" class="hint">${t('phone.passkey.existingHint')}</p>
</div>
</div>
</section>
${renderCameraSteps(translator, params)}
<section id="step-result" class="step result" aria-labelledby="result-title" data-status="" data-assurance="" hidden>
<span class="end-state__icon" aria-hidden="true"></span>
<h1 id="result-title" tabindex="-1"></h1>
<p id="result-body"></p>
<ul id="result-reasons" class="reasons" hidden></ul>
<p id="result-continue" hidden><a id="result-continue-link" class="button button--primary" href="#">${t('common.continueTo', params)}</a></p>
</section>
<p id="busy" class="busy" role="status" aria-live="polite"><span class="spinner" aria-hidden="true" hidden></span><span id="busy-text"></span></p>
${invite.mode === 'test' ? renderSandbox(translator) : null}
<noscript><p class="alert">${t('common.noscript')}</p></noscript>
${renderExpiry(translator, invite.expiresAt)}`;
}

// The camera check (docs/camera-check-page.md): consent first, then the camera, or the way without it. Every
// screen and button has a stable id, and #step-camera carries `data-state` (camera.js's phases:
// loading, center, move-left|right|up|down, timeout, no-face, many-faces, expired, denied, no-camera,
// failed-camera, model-failed, uploading, passed, failed) for the end-to-end test to wait on.
function renderCameraSteps(translator: Translator, params: { projectName: string }): SafeHtml {
  const { t } = translator;
  return html`<section id="step-consent" class="step" aria-labelledby="consent-title" hidden>
<p id="consent-passkey" class="confirmation" hidden></p>
<h1 id="consent-title" tabindex="-1">${t('phone.consent.heading')}</h1>
<p class="lead">${t('phone.consent.body')}</p>
<div class="facts">
<h2>${t('phone.consent.privacyHeading')}</h2>
<ul>
<li>${t('phone.consent.privacyMemory')}</li>
<li>${t('phone.consent.privacyTemplate')}</li>
<li>${t('phone.consent.privacyErase')}</li>
</ul>
</div>
<button id="consent-start" class="button button--primary button--block" type="button">${t('phone.consent.start')}</button>
<div class="note">
<h2>${t('phone.consent.otherHeading')}</h2>
<p>${t('phone.consent.otherNote', params)}</p>
<div class="choices">
<button id="consent-no-camera" class="button button--block" type="button" data-skip-reason="no_camera">${t('phone.consent.noCamera')}</button>
<button id="consent-cannot-move" class="button button--block" type="button" data-skip-reason="cannot_move">${t('phone.consent.cannotMove')}</button>
<button id="consent-declined" class="button button--block" type="button" data-skip-reason="declined">${t('phone.consent.declined')}</button>
</div>
</div>
</section>
<section id="step-camera" class="step camera" aria-labelledby="camera-title" data-state="loading" hidden>
<h1 id="camera-title" tabindex="-1">${t('phone.camera.heading')}</h1>
<div class="camera__view" role="img" aria-label="${t('phone.camera.previewLabel')}">
<video id="camera-video" class="camera__video" muted playsinline></video>
<div class="camera__oval"></div>
<span id="camera-arrow" class="camera__arrow" data-move="" hidden></span>
</div>
<p id="camera-progress" class="round-label"></p>
<p id="camera-prompt" class="camera__prompt" role="status" aria-live="polite">${t('phone.camera.loading')}</p>
<p id="camera-hint" class="camera__hint" aria-live="polite"></p>
<p id="camera-countdown" class="camera__countdown"></p>
<ul id="camera-reasons" class="reasons" hidden></ul>
<div class="choices">
<button id="camera-retry" class="button button--primary button--block" type="button" hidden>${t('common.tryAgain')}</button>
<button id="camera-again" class="button button--primary button--block" type="button" hidden>${t('phone.camera.again')}</button>
<button id="camera-finish" class="button button--block" type="button" hidden>${t('phone.camera.finish')}</button>
<button id="camera-without" class="button button--block" type="button" hidden>${t('phone.camera.without')}</button>
</div>
</section>
<section id="step-skip" class="step" aria-labelledby="skip-title" data-policy-met="" hidden>
<h1 id="skip-title" tabindex="-1">${t('phone.skip.heading')}</h1>
<p id="skip-body" class="lead"></p>
<button id="skip-finish" class="button button--primary button--block" type="button">${t('phone.skip.finish')}</button>
</section>`;
}

function renderSandbox(translator: Translator): SafeHtml {
  const { t } = translator;
  const label = {
    verified: t('phone.sandbox.verified'),
    failed: t('phone.sandbox.failed'),
    duplicate: t('phone.sandbox.duplicate'),
    expired: t('phone.sandbox.expired'),
  } as const;
  return html`<section id="sandbox" class="sandbox" aria-labelledby="sandbox-title">
<h2 id="sandbox-title">${t('phone.sandbox.heading')}</h2>
<p>${t('phone.sandbox.body')}</p>
<div class="sandbox__buttons">${SANDBOX_OUTCOMES.map(
    (outcome) =>
      html`<button class="button button--small" type="button" data-outcome="${outcome}" disabled>${label[outcome]}</button>`,
  )}</div>
</section>`;
}

export function renderPhonePage(input: PhonePageInput): SafeHtml {
  const { translator, invite } = input;
  const { t } = translator;
  const terminal = isTerminalStatus(invite.status);
  const body = html`<main id="main" class="page page--phone">
${renderProjectBrand(invite.branding)}
${terminal ? null : renderSteps(translator, invite)}
${renderEndState({ translator, status: invite.status, projectName: invite.projectName, redirectUrl: invite.redirectUrl, projectSiteUrl: invite.projectSiteUrl })}
</main>`;
  return renderLayout({
    translator,
    title: t('phone.title'),
    body,
    sandbox: invite.mode === 'test',
    script: terminal ? undefined : '/assets/phone.js',
    bodyClass: 'view-phone',
    config: terminal
      ? undefined
      : {
          code: input.code,
          status: invite.status,
          projectName: invite.projectName,
          mode: invite.mode,
          redirectUrl: invite.redirectUrl,
          messages: translator.pick(PHONE_CLIENT_MESSAGE_PREFIXES),
        },
  });
}

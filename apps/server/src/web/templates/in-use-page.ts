// The invite opened on a device other than the one its flow is bound to: nothing to do here but say
// so, and point to the device where it was started or to the business for a new link.
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import type { InvitePageModel } from '../invite-page-model.ts';
import { renderLayout } from './layout.ts';
import { renderExpiry, renderInUseNotice } from './parts.ts';
import { renderProjectBrand } from './project-brand.ts';

export function renderInUsePage(translator: Translator, invite: InvitePageModel): SafeHtml {
  const { t } = translator;
  const body = html`<main id="main" class="page page--in-use">
${renderProjectBrand(invite.branding)}
<h1>${t('inUse.title')}</h1>
${renderInUseNotice(translator, invite.projectName, invite.projectSiteUrl)}
${renderExpiry(translator, invite.expiresAt)}
</main>`;
  return renderLayout({ translator, title: t('inUse.title'), body, sandbox: invite.mode === 'test' });
}

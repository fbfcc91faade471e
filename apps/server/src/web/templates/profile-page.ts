// A public profile: what anyone may know about a PoY identity (verified or not, its score, since when).
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { renderLayout } from './layout.ts';
import { formatUtcTime } from './parts.ts';

export interface ProfilePageModel {
  poyId: string;
  poyCode: string;
  isVerified: boolean;
  trustScore: number;
  verifiedSince: Date | null;
}

export function renderProfilePage(translator: Translator, profile: ProfilePageModel): SafeHtml {
  const { t } = translator;
  const badgeUrl = `/p/${profile.poyCode}/badge.svg`;
  const body = html`<main id="main" class="page page--profile">
<h1>${profile.poyId}</h1>
<p class="lead">${profile.isVerified ? t('profile.verified') : t('profile.unverified')}</p>
${profile.isVerified ? html`<p>${t('profile.trustScore', { score: String(profile.trustScore) })}</p>` : null}
${profile.verifiedSince ? html`<p>${t('profile.since', { date: formatUtcTime(profile.verifiedSince) })}</p>` : null}
<p>${t('profile.explainer')}</p>
<h2>${t('profile.badgeHeading')}</h2>
<p><img src="${badgeUrl}" alt="${t('profile.badgeAlt', { poyId: profile.poyId })}" width="220" height="28"></p>
</main>`;
  return renderLayout({
    translator,
    title: t('profile.title', { poyId: profile.poyId }),
    body,
    sandbox: false,
  });
}

/** The badge: a small, self-contained SVG (no external fonts or images), safe to embed anywhere. */
export function renderBadgeSvg(translator: Translator, profile: ProfilePageModel): string {
  const { t } = translator;
  const label = profile.isVerified ? t('profile.badgeVerified') : t('profile.badgeUnverified');
  const colour = profile.isVerified ? '#1a7f37' : '#6e7781';
  const alt = t('profile.badgeAlt', { poyId: profile.poyId });
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="220" height="28" viewBox="0 0 220 28" role="img" aria-label="${alt}">
<title>${alt}</title>
<rect width="220" height="28" rx="6" fill="${colour}"/>
<rect width="78" height="28" rx="6" fill="#24292f"/>
<rect x="70" width="8" height="28" fill="#24292f"/>
<g fill="#fff" font-family="system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif" font-size="12">
<text x="10" y="18">${profile.poyId}</text>
<text x="86" y="18">${label}</text>
</g>
</svg>`.value;
}

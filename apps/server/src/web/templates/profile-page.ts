// A public profile: what anyone may know about a PoY identity (verified or not, its score, since when).
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../i18n/translate.ts';
import { BADGE_HEIGHT, type BadgeContent, layoutBadge } from './badge-svg.ts';
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
  const badge = layoutBadge(profileBadgeContent(translator, profile));
  const body = html`<main id="main" class="page page--profile">
<h1>${profile.poyId}</h1>
<p class="lead">${profile.isVerified ? t('profile.verified') : t('profile.unverified')}</p>
${profile.isVerified ? html`<p>${t('profile.trustScore', { score: String(profile.trustScore) })}</p>` : null}
${profile.verifiedSince ? html`<p>${t('profile.since', { date: formatUtcTime(profile.verifiedSince) })}</p>` : null}
<p>${t('profile.explainer')}</p>
<h2>${t('profile.badgeHeading')}</h2>
<p><img src="${badgeUrl}" alt="${t('profile.badgeAlt', { poyId: profile.poyId })}" width="${badge.width}" height="${BADGE_HEIGHT}"></p>
</main>`;
  return renderLayout({
    translator,
    title: t('profile.title', { poyId: profile.poyId }),
    body,
    sandbox: false,
  });
}

/** The badge's content for a public profile. */
export function profileBadgeContent(translator: Translator, profile: ProfilePageModel): BadgeContent {
  const { t } = translator;
  return {
    idText: profile.poyId,
    label: profile.isVerified ? t('profile.badgeVerified') : t('profile.badgeUnverified'),
    tone: profile.isVerified ? 'verified' : 'unverified',
    alt: t('profile.badgeAlt', { poyId: profile.poyId }),
  };
}

/**
 * The badge for an id with no public profile: still an image (a JSON error would be a broken image on
 * the page that embeds it), saying why. `poyId` is null when the id could not be read at all.
 */
export function missingBadgeContent(
  translator: Translator,
  poyId: string | null,
  why: 'unknown' | 'test_identity',
): BadgeContent {
  const { t } = translator;
  const label = why === 'test_identity' ? t('profile.badgeTestIdentity') : t('profile.badgeUnknown');
  return {
    idText: poyId ?? 'PoY',
    label,
    tone: 'unknown',
    alt: poyId ? t('profile.badgeMissingAlt', { poyId, label }) : label,
  };
}

/** A sandbox identity's profile address: it exists, but test identities are never public. */
export function renderTestIdentityPage(translator: Translator, poyId: string): SafeHtml {
  const { t } = translator;
  const body = html`<main id="main" class="page page--profile">
<h1>${t('profile.testIdentity.heading')}</h1>
<p class="lead">${t('profile.testIdentity.body', { poyId })}</p>
<p>${t('profile.testIdentity.next')}</p>
</main>`;
  return renderLayout({ translator, title: t('profile.testIdentity.title'), body, sandbox: false });
}

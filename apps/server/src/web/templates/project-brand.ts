// The project's own mark on the hosted pages: its logo and an accent stripe in its colour, above the
// page's content. Threat: these values come from a project's settings and end up in a page a person
// trusts. Both are checked again here, whatever the store holds: the colour reaches the markup only as
// `#rrggbb` in an SVG `fill` attribute (a presentation attribute, not a style, so the CSP's
// `style-src 'self'` stays as it is), and the logo only as an https `<img>` with the project's name as
// its text alternative, requested without a referrer (the invite code is in the page's URL).
import {
  isBrandColor,
  normalizeBrandLogoUrl,
  type ProjectBranding,
} from '../../core/tenancy/project-branding.ts';
import { html, type SafeHtml } from '../html.ts';

/** The logo URL the page may load, or null (absent, or anything but https). */
export function brandLogoUrlOf(branding: ProjectBranding): string | null {
  if (branding.logoUrl === null) return null;
  const checked = normalizeBrandLogoUrl(branding.logoUrl);
  return checked.ok ? checked.url : null;
}

/** Nothing when the project has neither logo nor colour: the page then looks as POY's own. */
export function renderProjectBrand(branding: ProjectBranding): SafeHtml | null {
  const color = branding.color !== null && isBrandColor(branding.color) ? branding.color : null;
  const logoUrl = brandLogoUrlOf(branding);
  if (color === null && logoUrl === null) return null;
  // The stripe is decoration only (aria-hidden): nothing on the page depends on its colour.
  const stripe =
    color === null
      ? null
      : html`<svg class="project-brand__accent" viewBox="0 0 8 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="8" height="1" fill="${color}"/></svg>`;
  const logo =
    logoUrl === null
      ? null
      : html`<img class="project-brand__logo" src="${logoUrl}" alt="${branding.displayName}" referrerpolicy="no-referrer" decoding="async">`;
  return html`<div class="project-brand">${stripe}${logo}</div>`;
}

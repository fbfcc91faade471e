// What a project shows of itself on the hosted pages: a display name, an accent colour and a logo.
// Threat: the pages are POY's, and both values end up in markup a person trusts. A colour that is not
// a bare hex value could carry CSS or break out of an attribute; a logo URL could be `javascript:`,
// `data:` (arbitrary content under our origin's CSP), or plain http (mixed content, tracking on a
// network path). So a colour is `#rrggbb` and nothing else, a logo is an https URL without
// credentials, and the templates check both again before rendering (web/templates/project-brand.ts).
// The database refuses anything else too (migration 0014).
import type { Project } from '../../store/store.ts';

export const BRAND_NAME_MAX_LENGTH = 100;
export const BRAND_LOGO_URL_MAX_LENGTH = 2048;
const BRAND_COLOR_PATTERN = /^#[0-9a-f]{6}$/;

export interface ProjectBranding {
  /** The name the pages show: the brand name, else the project's name. */
  displayName: string;
  /** `#rrggbb`, or null for POY's own colours. */
  color: string | null;
  /** An https URL, or null. */
  logoUrl: string | null;
}

export type BrandColorProblem = 'not_a_hex_colour';
export type BrandLogoUrlProblem = 'not_a_url' | 'not_https' | 'has_credentials' | 'too_long';

/** `#0A7D4F` → `#0a7d4f`; anything but six hex digits after `#` is refused. */
export function normalizeBrandColor(
  value: string,
): { ok: true; color: string } | { ok: false; problem: BrandColorProblem } {
  const color = value.trim().toLowerCase();
  return BRAND_COLOR_PATTERN.test(color) ? { ok: true, color } : { ok: false, problem: 'not_a_hex_colour' };
}

/** The URL as the browser will request it, or why it may not be shown. */
export function normalizeBrandLogoUrl(
  value: string,
): { ok: true; url: string } | { ok: false; problem: BrandLogoUrlProblem } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'not_https' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'has_credentials' };
  if (url.href.length > BRAND_LOGO_URL_MAX_LENGTH) return { ok: false, problem: 'too_long' };
  return { ok: true, url: url.href };
}

/** True for a value the templates may put into markup as a colour. */
export function isBrandColor(value: string): boolean {
  return BRAND_COLOR_PATTERN.test(value);
}

export function projectBrandingOf(
  project: Pick<Project, 'name' | 'brandName' | 'brandColor' | 'brandLogoUrl'>,
): ProjectBranding {
  return {
    displayName: project.brandName ?? project.name,
    color: project.brandColor,
    logoUrl: project.brandLogoUrl,
  };
}

// A project's own WebAuthn relying party (docs/api.md §1): the RP id and the origins its passkey
// ceremonies run on. Threat: a setting that saves fine and then breaks every ceremony, or one that
// lets a page on an unrelated domain run ceremonies for this project. The browser enforces the rule
// below at ceremony time (a mismatch is a SecurityError there), so it is enforced here at save time,
// where the operator can still see what to fix.
import { normalizeRedirectOrigin } from '../verification/redirect-origins.ts';

const HOSTNAME_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME_PATTERN = new RegExp(`^${HOSTNAME_LABEL}(?:\\.${HOSTNAME_LABEL})*$`);

/**
 * A domain the RP id may be: lower-case labels, a letter in the last one (an IP address is not a valid
 * RP id, WebAuthn §5.1.3), and a dot unless it is `localhost` (a lone label would be a top-level
 * domain, which no site may claim).
 */
export function isRelyingPartyId(value: string): boolean {
  if (value.length > 253 || !HOSTNAME_PATTERN.test(value)) return false;
  const labels = value.split('.');
  if (!/[a-z]/.test(labels.at(-1) ?? '')) return false;
  return labels.length > 1 || value === 'localhost';
}

/**
 * WebAuthn §5.1.3 (RP ID): "the RP ID must be equal to the origin's effective domain, or a registrable
 * domain suffix of the origin's effective domain".
 */
export function isOriginWithinRelyingParty(origin: string, rpId: string): boolean {
  const host = new URL(origin).hostname;
  return host === rpId || host.endsWith(`.${rpId}`);
}

/** Scheme, host and port only; https unless the host is local (the browser's secure-context rule). */
export function normalizeWebAuthnOrigin(value: string): string | null {
  const checked = normalizeRedirectOrigin(value);
  return checked.ok ? checked.origin : null;
}

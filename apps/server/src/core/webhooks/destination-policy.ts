// Webhook URLs are chosen by customers, so without care a webhook is a request the server makes to
// wherever it is told: its own admin ports, the cloud metadata service, the private network (SSRF).
// In production, destinations that are (or resolve to) a non-public address (loopback, private,
// link-local, CGNAT, ULA, multicast, reserved…, also when carried inside an IPv6 form: see
// destination-policy-addresses.ts) are refused when saved and again when sent, and the address
// actually connected to is the checked one (a DNS answer cannot change between check and connect).
// WEBHOOK_ALLOWED_HOSTS names hosts that are allowed anyway (for deployments that mean it).

import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isBlockedAddress } from './destination-policy-addresses.ts';

export { isBlockedAddress };

export interface DestinationPolicy {
  /** Development mode allows any destination (local receivers). */
  enforce: boolean;
  allowedHosts: ReadonlySet<string>;
}

/**
 * True when a URL names a refused IP address literally. Such a host needs no DNS answer, so the guarded
 * lookup never sees it: the sender checks it before connecting.
 */
export function isRefusedAddressLiteral(url: string, policy: DestinationPolicy): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return policy.enforce && isIP(host) !== 0 && !policy.allowedHosts.has(host) && isBlockedAddress(host);
}

export type DestinationCheck = { ok: true } | { ok: false; reason: string };

/** Checks a URL when it is saved: scheme, and (enforced) every address its host resolves to. */
export async function checkDestinationUrl(
  policy: DestinationPolicy,
  url: string,
  resolve: (host: string) => Promise<LookupAddress[]> = (host) => lookup(host, { all: true }),
): Promise<DestinationCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return { ok: false, reason: 'must be http(s)' };
  if (parsed.username || parsed.password) return { ok: false, reason: 'must not contain credentials' };
  if (!policy.enforce) return { ok: true };
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowedHosts.has(host)) return { ok: true };
  let addresses: LookupAddress[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  } catch {
    return { ok: false, reason: 'its host does not resolve' };
  }
  if (addresses.length === 0 || addresses.some((entry) => isBlockedAddress(entry.address))) {
    return { ok: false, reason: 'must not point to a private, loopback or link-local address' };
  }
  return { ok: true };
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for the sending socket: resolves, then refuses blocked addresses, so the checked address
 * is the one connected to (no DNS rebinding between check and send).
 */
export function createGuardedLookup(
  policy: DestinationPolicy,
  resolve: (host: string) => Promise<LookupAddress[]> = (host) => lookup(host, { all: true }),
) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const allowed = policy.allowedHosts.has(hostname.toLowerCase());
        const usable =
          allowed || !policy.enforce
            ? addresses
            : addresses.filter((entry) => !isBlockedAddress(entry.address));
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(
            `Refused to connect to ${hostname}: private or loopback address`,
          );
          error.code = 'EPOYBLOCKED';
          callback(error, []);
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

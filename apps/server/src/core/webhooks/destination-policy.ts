// Webhook URLs are chosen by customers, so without care a webhook is a request the server makes to
// wherever it is told: its own admin ports, the cloud metadata service, the private network (SSRF).
// In production, destinations that are (or resolve to) loopback, private, link-local, CGNAT, ULA,
// multicast or unspecified addresses are refused when saved and again when sent, and the address
// actually connected to is the checked one (a DNS answer cannot change between check and connect).
// WEBHOOK_ALLOWED_HOSTS names hosts that are allowed anyway (for deployments that mean it).

import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  // No rule for IPv4-mapped addresses (::ffff:0:0/96): BlockList matches IPv4 addresses against such a
  // rule, which would refuse every IPv4 destination. It already judges a mapped address
  // (::ffff:127.0.0.1) by the IPv4 rules above.
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

export interface DestinationPolicy {
  /** Development mode allows any destination (local receivers). */
  enforce: boolean;
  allowedHosts: ReadonlySet<string>;
}

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
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
export function createGuardedLookup(policy: DestinationPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    lookup(hostname, { all: true }).then(
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

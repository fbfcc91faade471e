// Which IP addresses a webhook may be sent to (docs/api.md §7). The threat is SSRF through an address
// that looks public to a naive range list but reaches a private one: IPv6 forms that carry an IPv4
// address (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64, 6to4, Teredo) are judged by the IPv4
// address they carry, and IPv6 outside global unicast (2000::/3) is refused outright, so a form that no
// list here knows of is refused rather than allowed. The special ranges come from ipaddr.js, a maintained
// table of the IANA special-purpose registries, rather than from a list kept by hand.

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** RFC 6052's well-known NAT64 prefix: the IPv4 address is the last 32 bits. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * True when a webhook must not be sent to this address. Anything that is not an IP address is refused
 * too: the caller has already resolved names, so a non-address here is a mistake, not a destination.
 */
export function isBlockedAddress(address: string): boolean {
  // node's parser decides the family: it accepts only the standard notations, so ipaddr.js's laxer
  // IPv4 forms ("127.1", "0x7f.1") are refused here instead of being read one way and used another.
  const family = isIP(address);
  if (family === 4) return isBlockedV4(ipaddr.IPv4.parse(address));
  if (family !== 6) return true;
  const canonical = canonicalIPv6(address);
  return canonical === null || isBlockedV6(ipaddr.IPv6.parse(canonical));
}

/**
 * The address in hex groups, or null (e.g. with a zone id). ipaddr.js reads "::a.b.c.d" as
 * ::ffff:a.b.c.d, another address than the one a socket would use (and DNS answers are written that
 * way); the URL parser writes every IPv6 address in hex, so ipaddr.js reads the real one.
 */
function canonicalIPv6(address: string): string | null {
  try {
    return new URL(`http://[${address}]/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

/**
 * Only ordinary unicast is allowed: loopback, RFC 1918, link-local, CGNAT, multicast, 0/8, broadcast,
 * benchmarking (198.18/15), the documentation ranges and 240/4 all have names in ipaddr.js's table.
 */
function isBlockedV4(address: IPv4): boolean {
  return address.range() !== 'unicast';
}

function isBlockedV6(address: IPv6): boolean {
  const carried = carriedIPv4(address);
  if (carried === 'refuse') return true;
  if (carried) return isBlockedV4(carried);
  // Forms with no IPv4 inside: only plain global unicast may pass (2000::/3 less ipaddr.js's special
  // ranges in it, such as documentation 2001:db8::/32 and benchmarking 2001:2::/48).
  return address.range() !== 'unicast' || !address.match(GLOBAL_UNICAST_V6);
}

/** The IPv4 address an IPv6 address stands for, 'refuse' for a form refused whole, or null. */
function carriedIPv4(address: IPv6): IPv4 | 'refuse' | null {
  const bytes = address.toByteArray();
  const ipv4At = (offset: number) => new ipaddr.IPv4(bytes.slice(offset, offset + 4));
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d (IPv4-translated)
      return ipv4At(12);
    case 'rfc6052':
      // The local-use NAT64 prefix (64:ff9b:1::/48) places the IPv4 address wherever the operator's
      // prefix length says, and only exists inside private networks: refused whole.
      return address.match(NAT64_WELL_KNOWN) ? ipv4At(12) : 'refuse';
    case '6to4': // 2002:AABB:CCDD::/48 is routed to the 6to4 router at AA.BB.CC.DD
      return ipv4At(2);
    case 'teredo': {
      // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC — the server's IPv4 in clear, the client's XOR'ed with
      // ones. The packet reaches the client through the server, so both must be public.
      if (isBlockedV4(ipv4At(4))) return 'refuse';
      return new ipaddr.IPv4(bytes.slice(12, 16).map((byte) => byte ^ 0xff));
    }
    default:
      // ::a.b.c.d, IPv4-compatible (RFC 4291 §2.5.5.1): deprecated, so no sound destination uses it,
      // and stacks differ in what they do with it. ipaddr.js calls it unicast; it is refused whole,
      // whatever a.b.c.d is (as is the rest of ::/8, outside 2000::/3).
      if (bytes.slice(0, 12).every((byte) => byte === 0)) return 'refuse';
      return null;
  }
}

// The keyed digests a flow's `start` leaves on its session, which the velocity limits count by
// (docs/assurance.md §5). Threat answered: the counts need "the same address" and "the same
// device", but a table of client addresses is personal data and a liability if it leaks. So only an
// HMAC under a server key is kept (core/secrets.ts, velocityKey): equal inputs give equal digests,
// and without the key nobody can test an address against them. Each digest is domain-separated (ip,
// prefix, device) so an IP and a device id can never collide into one count.
//
// The prefix groups the addresses one subscriber or one small network is likely to rotate through:
// IPv4 /24, IPv6 /48 (a typical site allocation). An IPv4-mapped IPv6 address (::ffff:a.b.c.d, what a
// dual-stack socket reports for IPv4 clients) is the IPv4 address: otherwise one client would count
// under two digests depending on the socket.
import { createHmac, randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { CoreContext } from '../context.ts';

export const IPV4_PREFIX_BITS = 24;
export const IPV6_PREFIX_BITS = 48;

/** The long-lived device id is 32 random bytes, base64url: 43 characters. */
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface VelocityDigests {
  ipHashHex: string;
  prefixHashHex: string;
  deviceHashHex: string;
}

export function createDeviceId(): string {
  return randomBytes(32).toString('base64url');
}

/** A device id as this server makes them; anything else from a cookie is replaced by a new one. */
export function isWellFormedDeviceId(value: string): boolean {
  return DEVICE_ID_PATTERN.test(value);
}

/** The address in canonical form and its network prefix (CIDR), or null when it is not an IP. */
export function networkOf(ip: string): { address: string; prefix: string } | null {
  if (!ipaddr.isValid(ip)) return null;
  const parsed = ipaddr.process(ip);
  const bits = parsed.kind() === 'ipv4' ? IPV4_PREFIX_BITS : IPV6_PREFIX_BITS;
  const cidr = `${parsed.toString()}/${bits}`;
  const network =
    parsed.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
      : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return { address: parsed.toNormalizedString(), prefix: `${network.toNormalizedString()}/${bits}` };
}

function digest(deps: Pick<CoreContext, 'secrets'>, domain: string, value: string): string {
  return createHmac('sha256', deps.secrets.velocityKey).update(`${domain}\0${value}`).digest('hex');
}

/**
 * The digests for one start. An IP that does not parse (it should not happen behind Fastify) is
 * digested as given, so the session still counts with others that sent the same.
 */
export function deriveVelocityDigests(
  deps: Pick<CoreContext, 'secrets'>,
  input: { clientIp: string; deviceId: string },
): VelocityDigests {
  const network = networkOf(input.clientIp);
  return {
    ipHashHex: digest(deps, 'ip', network?.address ?? input.clientIp),
    prefixHashHex: digest(deps, 'prefix', network?.prefix ?? input.clientIp),
    deviceHashHex: digest(deps, 'device', input.deviceId),
  };
}

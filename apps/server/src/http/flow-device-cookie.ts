// The cookie that holds an invite's device secret (core/verification/flow/device-binding.ts). Threat:
// the secret is what keeps another device out of a person's flow, so page scripts never see it
// (HttpOnly), it is sent only over https where the deployment is (Secure), is not sent on cross-site
// subrequests (SameSite=Lax), and lasts no longer than the invite.
//
// One cookie per invite, `poy_flow_<invite device id>`: a phone may hold several invites at once (two
// businesses, or a new link after an expired one), and a single `poy_flow` cookie would be overwritten
// by the second invite and lock the person out of the first. The name is derived from the invite code
// (so each request finds its cookie without a lookup) but reveals nothing that would rebuild it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inviteDeviceId } from '../core/verification/flow/device-binding.ts';

export const FLOW_COOKIE_PREFIX = 'poy_flow_';

export function flowCookieName(code: string): string {
  return `${FLOW_COOKIE_PREFIX}${inviteDeviceId(code)}`;
}

/** The device secret this browser holds for the invite, or null. */
export function readDeviceSecret(request: FastifyRequest, code: string): string | null {
  const value = request.cookies[flowCookieName(code)];
  return typeof value === 'string' && value !== '' ? value : null;
}

export interface DeviceCookieSettings {
  /** True when the deployment's public URL is https. */
  secure: boolean;
}

export function setDeviceCookie(
  reply: FastifyReply,
  settings: DeviceCookieSettings,
  input: { code: string; secret: string; expiresAt: Date; now: Date },
): void {
  const maxAgeSeconds = Math.max(1, Math.floor((input.expiresAt.getTime() - input.now.getTime()) / 1000));
  reply.setCookie(flowCookieName(input.code), input.secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

// The long-lived device id (docs/assurance.md §5): one per browser, not per invite, so velocity limits
// can count how many new identities one device makes. Same protections as the invite cookie; it
// lasts a year because what it measures spans invites. It is only ever stored as a keyed digest.
export const DEVICE_ID_COOKIE = 'poy_device';
const DEVICE_ID_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** The device id this browser holds, or null. Its form is checked by core, which replaces a bad one. */
export function readDeviceId(request: FastifyRequest): string | null {
  const value = request.cookies[DEVICE_ID_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function setDeviceIdCookie(
  reply: FastifyReply,
  settings: DeviceCookieSettings,
  deviceId: string,
): void {
  reply.setCookie(DEVICE_ID_COOKIE, deviceId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    maxAge: DEVICE_ID_MAX_AGE_SECONDS,
  });
}

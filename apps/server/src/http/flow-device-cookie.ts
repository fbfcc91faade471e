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

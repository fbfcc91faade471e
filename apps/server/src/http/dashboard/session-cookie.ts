// The dashboard session cookie. Threats and answers: page scripts never read it (HttpOnly); it is sent
// only over https where the deployment is, and always in production (Secure); it is not sent on
// cross-site subrequests or form posts (SameSite=Lax; the anti-forgery token covers the rest). It
// holds the session token, whose digest is all the database keeps.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ABSOLUTE_TIMEOUT_MS } from '../../core/members/member-sessions.ts';

export const SESSION_COOKIE = 'poy_dash_session';

export function readSessionToken(request: FastifyRequest): string | null {
  const value = request.cookies[SESSION_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.floor(SESSION_ABSOLUTE_TIMEOUT_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

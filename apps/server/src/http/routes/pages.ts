// The hosted pages a person sees: the invite (QR hand-off on a computer, the check on a phone), the
// short-code form, the status JSON and event stream the desktop page follows, profiles, the landing
// page at /, and the page assets (./assets.ts). The invite code in the URL is the capability, so every
// page response here is kept out of caches and referrers, and HTML carries a CSP that allows no inline
// script or style.

import { createHash } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INVITE_CODE_PATTERN, normalizeShortCode } from '../../core/verification/invite-codes.ts';
import { chooseInviteView } from '../../web/device.ts';
import { type SafeHtml, safeHttpUrl } from '../../web/html.ts';
import type { InvitePageModel } from '../../web/invite-page-model.ts';
import { openStatusStream, type StatusEvent, type StatusStream } from '../../web/status-stream.ts';
import { renderBadgeSvg } from '../../web/templates/badge-svg.ts';
import { renderDesktopPage } from '../../web/templates/desktop-page.ts';
import { renderInUsePage } from '../../web/templates/in-use-page.ts';
import { renderJoinPage } from '../../web/templates/join-page.ts';
import { renderLandingPage } from '../../web/templates/landing-page.ts';
import { renderNotFoundPage } from '../../web/templates/not-found-page.ts';
import { renderPhonePage } from '../../web/templates/phone-page.ts';
import {
  missingBadgeContent,
  type ProfilePageModel,
  profileBadgeContent,
  renderProfilePage,
  renderTestIdentityPage,
} from '../../web/templates/profile-page.ts';
import { brandLogoUrlOf } from '../../web/templates/project-brand.ts';
import { createCompressionHook } from '../compression/compress-responses.ts';
import { ApiError } from '../error-registry.ts';
import { ifNoneMatchIncludes } from '../etag.ts';
import { readDeviceSecret } from '../flow-device-cookie.ts';
import { languageSwitchHook, translatorOf } from '../page-language.ts';
import { assetRoutes } from './assets.ts';

export type { InvitePageModel, InviteStatus } from '../../web/invite-page-model.ts';

export interface PageRoutesOptions {
  /**
   * null → the friendly 404 page (unknown or invalid invite). `deviceSecret`: what this browser holds
   * for the invite (its `poy_flow_…` cookie), which decides `device` in the model.
   */
  loadInvite(code: string, deviceSecret: string | null): Promise<InvitePageModel | null>;
  /** Canonical short code (upper case, no separators, e.g. `ABCD2345`) → invite code, or null. */
  resolveShortCode(shortCode: string): Promise<string | null>;
  /** Calls onChange whenever the invite may have changed; returns the unsubscribe function. */
  subscribeToInvite(code: string, onChange: () => void): () => void;
  /** Base of the links shown to people (the /join address). */
  publicUrl: string;
  /** A public PoY identity by its 7-hex code; `test_identity` for a sandbox one; null if unknown. */
  loadProfile(poyCode: string): Promise<ProfilePageModel | 'test_identity' | null>;
  /** Comment sent on idle event streams (and state re-check); default 15 s. */
  heartbeatIntervalMs?: number;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The phone page runs the face model of the camera step in WebAssembly, which a CSP without
 * 'wasm-unsafe-eval' refuses to compile; it needs nothing else beyond the other pages' policy (the
 * model and the .wasm files come from our origin, and no worker is started: see web/face-assets.ts).
 */
export const PHONE_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
);

/**
 * A page showing a project's logo may load that one image from the logo's origin, and nothing else
 * from it (web/templates/project-brand.ts renders only https logos). Only `img-src` widens, only by
 * that origin, only on that project's pages; the origin of a parsed https URL is `https://host[:port]`
 * (host in ASCII), which cannot carry a `;` or a space into the policy.
 */
export function withBrandLogoOrigin(policy: string, invite: Pick<InvitePageModel, 'branding'>): string {
  const logoUrl = brandLogoUrlOf(invite.branding);
  if (logoUrl === null) return policy;
  const origin = new URL(logoUrl).origin;
  if (!/^https:\/\/[a-z0-9.\-[\]:]+$/.test(origin)) return policy;
  return policy.replace("img-src 'self' data:", `img-src 'self' data: ${origin}`);
}

/** Headers for every page response: the code in the URL must not leak through caches or referrers. */
const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

const HTML_HEADERS = {
  ...PRIVATE_HEADERS,
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
} as const;

const DEFAULT_HEARTBEAT_INTERVAL_MS = 15_000;

const codeParams = z.object({ code: z.string() });
const inviteStatusBody = z.object({
  status: z.enum(['PENDING', 'IN_REVIEW', 'VERIFIED', 'UNFULFILLABLE', 'EXPIRED', 'REVOKED']),
  redirectUrl: z.string().nullable(),
});

function sendHtml(
  reply: FastifyReply,
  statusCode: number,
  page: SafeHtml,
  contentSecurityPolicy = CONTENT_SECURITY_POLICY,
): FastifyReply {
  return reply
    .code(statusCode)
    .headers({ ...HTML_HEADERS, 'content-security-policy': contentSecurityPolicy })
    .type('text/html; charset=utf-8')
    .send(page.value);
}

export const pageRoutes: FastifyPluginAsync<PageRoutesOptions> = async (app, options) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  const openStreams = new Set<StatusStream>();
  // In this plugin's own scope: only the invite page reads a cookie (the device secret).
  await app.register(fastifyCookie);

  /** The invite with its URLs checked: a redirect the browser follows must be http(s), never javascript:. */
  async function loadInvite(code: string, deviceSecret: string | null): Promise<InvitePageModel | null> {
    // Anything that is not an invite code is not looked up at all.
    if (!INVITE_CODE_PATTERN.test(code)) return null;
    const invite = await options.loadInvite(code, deviceSecret);
    if (invite === null) return null;
    return { ...invite, redirectUrl: safeHttpUrl(invite.redirectUrl) };
  }

  async function loadStatus(code: string): Promise<StatusEvent | null> {
    const invite = await loadInvite(code, null);
    return invite === null ? null : { status: invite.status, redirectUrl: invite.redirectUrl };
  }

  // The pages carry no secret of a session (the invite code is in the URL already), so every client
  // that accepts a coding gets one (http/compression/compress-responses.ts).
  app.addHook('onSend', createCompressionHook({ onlyOwnRequests: false }));
  await app.register(assetRoutes);

  // The instance's front door: where the docs, the dashboard and the health checks are.
  route.get('/', { schema: { hide: true }, onRequest: languageSwitchHook }, async (request, reply) => {
    return sendHtml(reply, 200, renderLandingPage(translatorOf(request, reply)));
  });

  route.get(
    '/i/:code',
    {
      schema: { hide: true, params: codeParams, querystring: z.object({ on: z.unknown().optional() }) },
      onRequest: languageSwitchHook,
    },
    async (request, reply) => {
      const translator = translatorOf(request, reply);
      const { code } = request.params;
      const invite = await loadInvite(code, readDeviceSecret(request, code));
      if (invite === null) return sendHtml(reply, 404, renderNotFoundPage(translator));
      const view = chooseInviteView(request.headers['user-agent'], request.query.on);
      // A flow bound to another device would refuse every step: say so instead of offering it.
      const inUse = invite.status === 'PENDING' && invite.device === 'other_device';
      if (view === 'phone' && inUse) {
        return sendHtml(
          reply,
          409,
          renderInUsePage(translator, invite),
          withBrandLogoOrigin(CONTENT_SECURITY_POLICY, invite),
        );
      }
      if (view === 'phone') {
        return sendHtml(
          reply,
          200,
          renderPhonePage({ translator, code, invite }),
          withBrandLogoOrigin(PHONE_CONTENT_SECURITY_POLICY, invite),
        );
      }
      // Loaded with the first QR code rather than at start-up, which most requests never need.
      const { toString: renderQrCode } = await import('qrcode');
      const qrSvg = await renderQrCode(invite.inviteUrl, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return sendHtml(
        reply,
        200,
        renderDesktopPage({ translator, code, invite, qrSvg, joinUrl: `${publicUrl}/join` }),
        withBrandLogoOrigin(CONTENT_SECURITY_POLICY, invite),
      );
    },
  );

  route.get(
    '/join',
    {
      schema: { hide: true, querystring: z.object({ code: z.unknown().optional() }) },
      onRequest: languageSwitchHook,
    },
    async (request, reply) => {
      const translator = translatorOf(request, reply);
      const typed = request.query.code;
      if (typed === undefined)
        return sendHtml(reply, 200, renderJoinPage({ translator, value: '', error: null }));
      const value = typeof typed === 'string' ? typed.slice(0, 64) : '';
      const shortCode = normalizeShortCode(value);
      if (shortCode === null) {
        return sendHtml(reply, 400, renderJoinPage({ translator, value, error: 'invalid' }));
      }
      const inviteCode = await options.resolveShortCode(shortCode);
      if (inviteCode === null || !INVITE_CODE_PATTERN.test(inviteCode)) {
        return sendHtml(reply, 404, renderJoinPage({ translator, value, error: 'unknown' }));
      }
      // The code is typed on the phone, so open the phone view even where the user agent looks like
      // a desktop (iPadOS Safari).
      return reply.headers(PRIVATE_HEADERS).redirect(`/i/${encodeURIComponent(inviteCode)}?on=phone`, 303);
    },
  );

  route.get(
    '/i/:code/status',
    { schema: { hide: true, params: codeParams, response: { 200: inviteStatusBody } } },
    async (request, reply) => {
      const status = await loadStatus(request.params.code);
      if (status === null) throw new ApiError('not_found', 'This invite does not exist.');
      return reply.headers(PRIVATE_HEADERS).send(status);
    },
  );

  route.get('/i/:code/events', { schema: { hide: true, params: codeParams } }, async (request, reply) => {
    const { code } = request.params;
    const initial = await loadStatus(code);
    if (initial === null) throw new ApiError('not_found', 'This invite does not exist.');
    if (request.method === 'HEAD') {
      // Fastify answers HEAD with the GET handler; a stream without a body would never end.
      return reply.headers(PRIVATE_HEADERS).type('text/event-stream; charset=utf-8').send();
    }

    // Fastify would buffer and end the response; the stream writes to the socket itself from here on,
    // carrying over the headers set so far (e.g. x-request-id).
    reply.hijack();
    const inherited: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) inherited[name] = value;
    }
    reply.raw.writeHead(200, {
      ...inherited,
      ...PRIVATE_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold events back in their buffer.
      'x-accel-buffering': 'no',
    });
    const stream = openStatusStream({
      response: reply.raw,
      initial,
      load: () => loadStatus(code),
      subscribe: (onChange) => options.subscribeToInvite(code, onChange),
      heartbeatIntervalMs,
      onError: (error) => request.log.error({ err: error }, 'invite event stream failed to reload'),
    });
    openStreams.add(stream);
    void stream.closed.then(() => openStreams.delete(stream));
  });

  // Open streams would keep the server from closing; end them first (clients reconnect elsewhere).
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.close();
  });

  // Public enrollment links (`/enroll?token=enr_<invite code>`) run the same flow as invites, and
  // open the same way: the check on a phone, the QR hand-off to a phone on a computer (the invite page
  // chooses by device, and `?on=phone` there still lets a person verify on the device at hand).
  route.get(
    '/enroll',
    {
      schema: { hide: true, querystring: z.object({ token: z.string().optional() }) },
      onRequest: languageSwitchHook,
    },
    async (request, reply) => {
      const code = request.query.token?.startsWith('enr_') ? request.query.token.slice(4) : '';
      if (!INVITE_CODE_PATTERN.test(code))
        return sendHtml(reply, 404, renderNotFoundPage(translatorOf(request, reply)));
      return reply.code(303).header('cache-control', 'no-store').redirect(`/i/${code}`);
    },
  );

  const profileParams = z.object({ poyCode: z.string().regex(/^[0-9A-Fa-f]{7}$/) });

  async function loadProfileOr404(poyCode: string): Promise<ProfilePageModel | 'test_identity' | null> {
    return options.loadProfile(poyCode.toUpperCase());
  }

  route.get(
    '/p/:poyCode',
    { schema: { hide: true }, onRequest: languageSwitchHook },
    async (request, reply) => {
      const translator = translatorOf(request, reply);
      const params = profileParams.safeParse(request.params);
      const profile = params.success ? await loadProfileOr404(params.data.poyCode) : null;
      if (profile === 'test_identity' && params.success) {
        const poyId = `PoY #${params.data.poyCode.toUpperCase()}`;
        return sendHtml(reply, 404, renderTestIdentityPage(translator, poyId));
      }
      if (!profile || profile === 'test_identity')
        return sendHtml(reply, 404, renderNotFoundPage(translator));
      return sendHtml(reply, 200, renderProfilePage(translator, profile));
    },
  );

  // Any id answers an image: a page that embeds the badge of an unknown or mistyped id shows a badge
  // saying so, not a broken image.
  route.get('/p/:poyCode/badge.svg', { schema: { hide: true } }, async (request, reply) => {
    const translator = translatorOf(request, reply);
    const params = profileParams.safeParse(request.params);
    const poyId = params.success ? `PoY #${params.data.poyCode.toUpperCase()}` : null;
    const profile = params.success ? await loadProfileOr404(params.data.poyCode) : null;
    const content =
      profile && profile !== 'test_identity'
        ? profileBadgeContent(translator, profile)
        : missingBadgeContent(translator, poyId, profile ?? 'unknown');
    const svg = renderBadgeSvg(content);
    // Badges are embedded on other sites: cacheable by anyone for a few minutes, revalidated by ETag;
    // a missing one for a minute, since the id may be enrolled soon.
    const etag = `"${createHash('sha256').update(svg).digest('base64url').slice(0, 27)}"`;
    const found = content.tone !== 'unknown';
    reply
      .header('cache-control', `public, max-age=${found ? 300 : 60}`)
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (ifNoneMatchIncludes(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply
      .code(found ? 200 : 404)
      .type('image/svg+xml; charset=utf-8')
      .send(svg);
  });
};

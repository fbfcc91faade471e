// The developer documentation: the docs home at /docs, the guides at /docs/guides/<slug> (Markdown in
// docs/guides/, web/docs/guides.ts), the API reference at /docs/reference, and the OpenAPI document it
// renders at /docs/json (also at /openapi.json, registered in app.ts). Every response gets the docs
// headers (http/docs-headers.ts); the reference page alone adds a per-response nonce to style-src, for
// the one <style> element its renderer injects.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  renderDocsHome,
  renderGuideNotFoundPage,
  renderGuidePage,
  renderReferencePage,
} from '../../web/docs/docs-pages.ts';
import { isGuideSlug, loadAllGuides, loadGuide } from '../../web/docs/guides.ts';
import type { SafeHtml } from '../../web/html.ts';
import { createTranslator, negotiateLocale, type Translator } from '../../web/i18n/translate.ts';
import { createCompressionHook } from '../compression/compress-responses.ts';
import {
  DOCS_CONTENT_SECURITY_POLICY,
  docsPolicyWithStyleNonce,
  setDocsSecurityHeaders,
} from '../docs-headers.ts';

export interface DocsRoutesOptions {
  /** The OpenAPI document (app.swagger()). */
  loadOpenApiDocument(): unknown;
}

const guideParams = z.object({ slug: z.string() });

function translatorFor(acceptLanguage: string | undefined): Translator {
  return createTranslator(negotiateLocale(acceptLanguage));
}

function sendPage(
  reply: FastifyReply,
  statusCode: number,
  page: SafeHtml,
  contentSecurityPolicy = DOCS_CONTENT_SECURITY_POLICY,
): FastifyReply {
  return reply
    .code(statusCode)
    .header('content-security-policy', contentSecurityPolicy)
    .header('vary', 'Accept-Language')
    .type('text/html; charset=utf-8')
    .send(page.value);
}

export const docsRoutes: FastifyPluginAsync<DocsRoutesOptions> = async (app, options) => {
  const route = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onSend', setDocsSecurityHeaders);
  // The docs are public and the same for everyone, so any client that accepts a coding gets one.
  app.addHook('onSend', createCompressionHook({ onlyOwnRequests: false }));

  route.get('/docs', { schema: { hide: true } }, async (request, reply) => {
    const translator = translatorFor(request.headers['accept-language']);
    const guides = loadAllGuides(translator);
    reply.header('cache-control', 'no-cache');
    return sendPage(reply, 200, renderDocsHome(translator, guides));
  });

  route.get('/docs/guides/:slug', { schema: { hide: true, params: guideParams } }, async (request, reply) => {
    const translator = translatorFor(request.headers['accept-language']);
    const { slug } = request.params;
    if (!isGuideSlug(slug)) return sendPage(reply, 404, renderGuideNotFoundPage(translator));
    reply.header('cache-control', 'no-cache');
    return sendPage(reply, 200, renderGuidePage(translator, loadGuide(slug, translator)));
  });

  route.get('/docs/reference', { schema: { hide: true } }, async (request, reply) => {
    const translator = translatorFor(request.headers['accept-language']);
    const styleNonce = randomBytes(16).toString('base64');
    // A nonce is only worth something if no one sees it twice: never from a cache.
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      200,
      renderReferencePage(translator, { specUrl: '/docs/json', styleNonce }),
      docsPolicyWithStyleNonce(styleNonce),
    );
  });

  route.get('/docs/json', { schema: { hide: true } }, async () => options.loadOpenApiDocument());
};

// A dashboard request refused for an expected reason (signed out, role, unknown id, forged request,
// bad input, rate limit). Thrown by the route helpers and rendered by the dashboard scope's error
// handler as a page (or as JSON on the sign-in ceremony endpoints), never as a 500.
import type { MessageKey } from '../../web/i18n/translate.ts';

export type RefusalStatus = 400 | 401 | 403 | 404 | 429;

const DEFAULT_MESSAGES: Readonly<Record<RefusalStatus, { title: MessageKey; body: MessageKey }>> = {
  400: { title: 'dash.auth.refusal.badRequest.title', body: 'dash.auth.refusal.badRequest.body' },
  401: { title: 'dash.auth.refusal.signedOut.title', body: 'dash.auth.refusal.signedOut.body' },
  403: { title: 'dash.auth.refusal.forbidden.title', body: 'dash.auth.refusal.forbidden.body' },
  404: { title: 'dash.auth.refusal.notFound.title', body: 'dash.auth.refusal.notFound.body' },
  429: { title: 'dash.auth.refusal.tooMany.title', body: 'dash.auth.refusal.tooMany.body' },
};

export class DashboardRefusal extends Error {
  readonly status: RefusalStatus;
  /** The page's heading. */
  readonly titleKey: MessageKey;
  /** The sentence under it. */
  readonly messageKey: MessageKey;
  /** Extra response headers (Retry-After on a 429). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: RefusalStatus,
    messageKey?: MessageKey,
    options: { titleKey?: MessageKey; headers?: Record<string, string> } = {},
  ) {
    super(`Dashboard request refused (${status})`);
    this.name = 'DashboardRefusal';
    this.status = status;
    this.messageKey = messageKey ?? DEFAULT_MESSAGES[status].body;
    this.titleKey = options.titleKey ?? DEFAULT_MESSAGES[status].title;
    this.headers = options.headers ?? {};
  }
}

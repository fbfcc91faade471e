// Small pieces the webhook and delivery pages share: times, statuses, surfaces and event names as the
// pages show them. Status is always written out in words beside any colour (WCAG 1.4.1).
import { CONNECT_EVENT_TYPES, POY_EVENT_TYPES } from '@poy/wire';
import type { DeliveryStatus, WebhookSurface } from '../../store/store.ts';
import { html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';

/** Every event type a delivery can carry, per surface: the subscribable ones, then the test event. */
export const POY_LOG_EVENT_TYPES: readonly string[] = [...POY_EVENT_TYPES, 'webhook.test'];
export const CONNECT_LOG_EVENT_TYPES: readonly string[] = [...CONNECT_EVENT_TYPES, 'WEBHOOK_TEST'];

const STATUS_LABELS: Readonly<Record<DeliveryStatus, MessageKey>> = {
  pending: 'dash.webhooks.status.pending',
  succeeded: 'dash.webhooks.status.succeeded',
  failed: 'dash.webhooks.status.failed',
};

const SURFACE_LABELS: Readonly<Record<WebhookSurface, MessageKey>> = {
  poy: 'dash.webhooks.surface.poy',
  connect: 'dash.webhooks.surface.connect',
};

export function surfaceLabel(translator: Translator, surface: WebhookSurface): string {
  return translator.t(SURFACE_LABELS[surface]);
}

export function statusLabel(translator: Translator, status: DeliveryStatus): string {
  return translator.t(STATUS_LABELS[status]);
}

/** A delivery status as a tag: the word, and a colour only as a second cue. */
export function statusTag(translator: Translator, status: DeliveryStatus): SafeHtml {
  const modifier = status === 'failed' ? ' tag--danger' : status === 'succeeded' ? ' tag--ok' : '';
  return html`<span class="tag${modifier}">${statusLabel(translator, status)}</span>`;
}

/** `2030-06-01 12:00:05 UTC`: one unambiguous zone for everyone who reads the log together. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function timeElement(date: Date | null): SafeHtml | null {
  return date === null ? null : html`<time datetime="${date.toISOString()}">${formatTime(date)}</time>`;
}

/** `YYYY-MM-DD` of a date in UTC, for a date input's value. */
export function dateInputValue(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function formatLatency(translator: Translator, durationMs: number | null): string {
  return durationMs === null ? '—' : translator.t('dash.webhooks.latencyMs', { ms: durationMs });
}

/** The HTTP status of an answer, or what happened instead (timeout, refused connection…). */
export function formatHttpStatus(statusCode: number | null, error: string | null): string {
  if (statusCode !== null) return String(statusCode);
  return error === null ? '—' : error;
}

// The webhook forms as they arrive (application/x-www-form-urlencoded: every field a string, a repeated
// field an array), checked field by field so that a refused form comes back with each problem beside its
// field and nothing saved. Destination rules (scheme, private addresses) are the core's, applied when
// saving, exactly as for the API.
import { z } from 'zod';
import {
  CONNECT_EVENT_TYPES,
  type ConnectEventTypeName,
  POY_EVENT_TYPES,
} from '../../../core/webhooks/manage-webhooks.ts';
import type { WebhookSurface } from '../../../store/store.ts';
import type { WebhookFormErrors, WebhookFormValues } from '../../../web/dashboard/webhooks-form.ts';
import type { Translator } from '../../../web/i18n/translate.ts';

const MAX_URL_LENGTH = 2048;

const fieldValue = z.union([z.string(), z.array(z.string())]).optional();
const formBody = z.record(z.string(), fieldValue);

/** The body's fields, or none when it is not a form (a missing or foreign body reads as empty). */
export function formFields(body: unknown): Record<string, string | string[] | undefined> {
  const parsed = formBody.safeParse(body ?? {});
  return parsed.success ? parsed.data : {};
}

/** A single-valued field: a repeated one is refused (null), an absent one is empty. */
export function singleField(
  fields: Record<string, string | string[] | undefined>,
  name: string,
): string | null {
  const value = fields[name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : null;
}

function listField(fields: Record<string, string | string[] | undefined>, name: string): string[] {
  const value = fields[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function isPoyEvent(type: string): boolean {
  return (POY_EVENT_TYPES as readonly string[]).includes(type);
}

function isConnectEvent(type: string): type is ConnectEventTypeName {
  return (CONNECT_EVENT_TYPES as readonly string[]).includes(type);
}

export type ParsedEndpointForm =
  | {
      ok: true;
      values: WebhookFormValues;
      surface: WebhookSurface;
      url: string;
      poyEvents: string[];
      connectEvents: ConnectEventTypeName[];
      enabled: boolean;
    }
  | { ok: false; values: WebhookFormValues; errors: WebhookFormErrors };

/**
 * Reads the create form (`surface` given) or the edit form of an endpoint of `fixedSurface`. POY events
 * may be none (every event); a Connect destination needs at least one when created and takes none when
 * edited (its type is fixed).
 */
export function parseEndpointForm(
  translator: Translator,
  body: unknown,
  fixedSurface: WebhookSurface | null,
): ParsedEndpointForm {
  const { t } = translator;
  const fields = formFields(body);
  const errors: WebhookFormErrors = {};
  const rawSurface = fixedSurface ?? singleField(fields, 'surface');
  const surface: WebhookSurface | null = rawSurface === 'poy' || rawSurface === 'connect' ? rawSurface : null;
  if (surface === null) errors.surface = t('dash.webhooks.error.surface');
  const rawUrl = singleField(fields, 'url');
  const url = rawUrl?.trim() ?? '';
  if (rawUrl === null || url.length === 0 || url.length > MAX_URL_LENGTH)
    errors.url = t('dash.webhooks.error.url');
  const events = [...new Set(listField(fields, 'events'))];
  const enabledField = singleField(fields, 'enabled');
  const enabled = enabledField !== null && enabledField !== '';
  const values: WebhookFormValues = { surface: surface ?? 'poy', url: rawUrl ?? '', events, enabled };

  if (events.some((type) => !isPoyEvent(type) && !isConnectEvent(type))) {
    errors.events = t('dash.webhooks.error.eventUnknown');
  } else if (surface === 'poy' && !events.every(isPoyEvent)) {
    errors.events = t('dash.webhooks.error.eventsOtherSurface', { surface: t('dash.webhooks.surface.poy') });
  } else if (surface === 'connect' && fixedSurface === null && !events.every(isConnectEvent)) {
    errors.events = t('dash.webhooks.error.eventsOtherSurface', {
      surface: t('dash.webhooks.surface.connect'),
    });
  } else if (surface === 'connect' && fixedSurface === null && events.length === 0) {
    errors.events = t('dash.webhooks.error.connectEvents');
  } else if (surface === 'connect' && fixedSurface !== null && events.length > 0) {
    errors.events = t('dash.webhooks.error.eventUnknown');
  }
  if (surface === null || Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    surface,
    url,
    poyEvents: surface === 'poy' ? events : [],
    connectEvents: surface === 'connect' ? events.filter(isConnectEvent) : [],
    enabled,
  };
}

// Test support for the dashboard's projects area: the settings form as a browser would submit it for
// a project (every field, as the page renders it), with some fields changed.
import assert from 'node:assert/strict';
import type { Project } from '../../src/store/store.ts';
import { settingsFormValuesOf } from '../../src/web/dashboard/settings-page.ts';

/** The settings form's fields for `project`, then `changes` on top (`attestationRequired: ''` unticks). */
export function settingsFormFields(
  project: Project,
  changes: Record<string, string> = {},
): Record<string, string> {
  const { attestationRequired, ...text } = settingsFormValuesOf(project);
  const fields: Record<string, string> = {
    ...text,
    ...(attestationRequired ? { attestationRequired: 'on' } : {}),
    ...changes,
  };
  // An unticked checkbox is not sent at all.
  return Object.fromEntries(
    Object.entries(fields).filter(([name, value]) => name !== 'attestationRequired' || value !== ''),
  );
}

/** The text of the element with this id (first match), for assertions on rendered pages. */
export function textOfId(body: string, id: string): string | null {
  const match = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(body);
  return match?.[1] ?? null;
}

/** The flash cookie a redirect set, as the browser sends it back (`name=value`). */
export function flashCookieOf(reply: { headers: Record<string, unknown> }): string {
  const header = reply.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header.map(String) : [String(header)];
  const flash = cookies.find((cookie) => cookie.startsWith('poy_dash_flash='));
  assert.ok(flash, `no flash cookie in ${cookies.join(' | ')}`);
  return flash.split(';')[0] ?? '';
}

// Keeps the catalog and its users in step: every key a template, route or client script names exists,
// every client-script key reaches that page's script (pages send only some prefixes), every reason
// code the scorer can return has a human sentence, and no catalog entry is dead.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MEMBER_ROLES } from '../../core/members/member-roles.ts';
import { HUMANNESS_REASONS } from '../../core/scoring/humanness-reasons.ts';
import { DESKTOP_CLIENT_MESSAGE_PREFIXES } from '../templates/desktop-page.ts';
import { PHONE_CLIENT_MESSAGE_PREFIXES } from '../templates/phone-page.ts';
import { en } from './en.ts';
import { isMessageKey } from './translate.ts';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const pagesRoute = fileURLToPath(new URL('../../http/routes/pages.ts', import.meta.url));
/** The dashboard's routes and their plumbing name messages too (flash notices, refusals). */
const dashboardHttpDirs = [
  fileURLToPath(new URL('../../http/routes/dashboard/', import.meta.url)),
  fileURLToPath(new URL('../../http/dashboard/', import.meta.url)),
];
const KEY_LITERAL =
  /['"`]((?:common|status|desktop|inUse|join|landing|notFound|phone|profile|reason|dash|docs)\.[A-Za-z0-9_.]+)['"`]/g;
/** Keys built at run time from a status, reason code or member role; checked separately below. */
const DYNAMIC_PREFIXES = ['status.', 'reason.', 'dash.role.'];

function sourceFiles(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension) && !file.endsWith('.test.ts') && !file.includes('i18n'))
    .map((file) => join(dir, file));
}

function keysIn(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(KEY_LITERAL)].map((match) => match[1] ?? '');
}

const serverFiles = [
  ...sourceFiles(webDir, '.ts'),
  pagesRoute,
  ...dashboardHttpDirs.flatMap((dir) => sourceFiles(dir, '.ts')),
];
const clientDir = join(webDir, 'assets');
const clientKeys = (name: string): string[] => keysIn(join(clientDir, name));

describe('message catalog usage', () => {
  it('every key named by a template, route or client script exists', () => {
    for (const path of [...serverFiles, ...sourceFiles(clientDir, '.js')]) {
      for (const key of keysIn(path)) assert.ok(isMessageKey(key), `${path} uses unknown key ${key}`);
    }
  });

  it('client scripts only use keys their page sends them', () => {
    const covered = (key: string, prefixes: readonly string[]) =>
      prefixes.some((prefix) => key.startsWith(prefix));
    for (const key of clientKeys('desktop.js')) assert.ok(covered(key, DESKTOP_CLIENT_MESSAGE_PREFIXES), key);
    for (const key of [
      ...clientKeys('phone.js'),
      ...clientKeys('camera.js'),
      ...clientKeys('camera-pose.js'),
    ]) {
      assert.ok(covered(key, PHONE_CLIENT_MESSAGE_PREFIXES), key);
    }
    // common.js serves both pages.
    for (const key of clientKeys('common.js')) {
      assert.ok(
        covered(key, DESKTOP_CLIENT_MESSAGE_PREFIXES) && covered(key, PHONE_CLIENT_MESSAGE_PREFIXES),
        key,
      );
    }
  });

  it('every terminal status has an end-state title and body', () => {
    for (const status of ['VERIFIED', 'UNFULFILLABLE', 'EXPIRED', 'REVOKED']) {
      assert.ok(isMessageKey(`status.${status}.title`), status);
      assert.ok(isMessageKey(`status.${status}.body`), status);
    }
    assert.ok(isMessageKey('status.PENDING'));
  });

  it('every member role has a name', () => {
    for (const role of MEMBER_ROLES) assert.ok(isMessageKey(`dash.role.${role}`), role);
  });

  it('every reason code the server can return has a sentence, plus a generic one', () => {
    for (const reason of [...HUMANNESS_REASONS, 'DUPLICATE_HUMAN', 'unknown']) {
      assert.ok(isMessageKey(`reason.${reason}`), reason);
    }
  });

  it('no catalog entry is unused', () => {
    const used = new Set([...serverFiles, ...sourceFiles(clientDir, '.js')].flatMap((path) => keysIn(path)));
    for (const key of Object.keys(en)) {
      if (DYNAMIC_PREFIXES.some((prefix) => key.startsWith(prefix))) continue;
      assert.ok(used.has(key), `${key} is not used by any page`);
    }
  });
});

// Shared steps of the dashboard webhooks route tests: a member of a fresh account, the project's
// webhook and delivery URLs, reading a secret shown once off a page, following a 303 with its flash
// cookie as a browser would, and what the store holds (endpoints, deliveries, audit events) to prove
// that a refused request changed nothing.
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { MemberRole } from '../../src/core/members/member-roles.ts';
import { FLASH_COOKIE } from '../../src/http/dashboard/flash.ts';
import type { AuditEvent, KeyMode, Store } from '../../src/store/store.ts';
import { createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from './dashboard-session.ts';

export interface WebhookMember {
  tenant: TestTenant;
  session: DashboardTestSession;
}

/** A fresh account and project with one signed-in member of `role`. */
export async function memberOfNewAccount(harness: TestApp, role: MemberRole): Promise<WebhookMember> {
  const tenant = await createTestTenant(harness);
  const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
  return { tenant, session };
}

export function webhooksUrl(projectId: string, mode: KeyMode = 'test'): string {
  return `/dashboard/p/${projectId}/${mode}/webhooks`;
}

export function deliveriesUrl(projectId: string, mode: KeyMode = 'test'): string {
  return `/dashboard/p/${projectId}/${mode}/deliveries`;
}

/** The flash cookie a response set (`name=value`), or null. */
export function flashCookieOf(response: LightMyRequestResponse): string | null {
  const cookie = response.cookies.find((each) => each.name === FLASH_COOKIE && each.value !== '');
  return cookie ? `${cookie.name}=${cookie.value}` : null;
}

/** Asserts a 303 and GETs where it points, with the session and the flash cookie it set. */
export async function followRedirect(
  app: FastifyInstance,
  response: LightMyRequestResponse,
  session: DashboardTestSession,
): Promise<LightMyRequestResponse> {
  assert.equal(response.statusCode, 303, response.body);
  const location = String(response.headers.location);
  const flash = flashCookieOf(response);
  return getDashboardPage(app, location, session, {
    cookie: flash === null ? session.cookie : `${session.cookie}; ${flash}`,
  });
}

const REVEALED_SECRET = /<code id="revealed-secret">(whsec_[A-Za-z0-9+/=]+)<\/code>/;

/** The secret a page shows once, or null. */
export function revealedSecretOf(page: string): string | null {
  return REVEALED_SECRET.exec(page)?.[1] ?? null;
}

export async function auditEventsOf(store: Store, accountId: string): Promise<AuditEvent[]> {
  // The webhook area's own events (endpoints and deliveries): making the account records one too.
  return store.listAuditEvents({ accountId, actionPrefix: 'webhook_', limit: 100 });
}

/** Everything a webhook change can touch for one project, to compare before and after a refusal. */
export async function webhookStateOf(store: Store, tenant: TestTenant): Promise<string> {
  const projectId = tenant.project.id;
  const modes: KeyMode[] = ['test', 'live'];
  const parts: unknown[] = [];
  for (const mode of modes) {
    for (const surface of ['poy', 'connect'] as const) {
      parts.push(await store.listWebhookEndpoints({ projectId, mode, surface }));
    }
    parts.push(await store.findConnectWebhookSecret(projectId, mode));
    parts.push(await store.listDeliveryLog({ projectId, mode, limit: 1000 }));
  }
  parts.push(await auditEventsOf(store, tenant.project.accountId));
  return JSON.stringify(parts);
}

// Where a project's webhooks go, and the signing secrets they are sent with (stored encrypted).
import type { KeyMode } from './tenancy.ts';

export type WebhookSurface = 'connect' | 'poy';

export interface WebhookEndpoint {
  id: string;
  projectId: string;
  mode: KeyMode;
  surface: WebhookSurface;
  url: string;
  /** POY: subscribed event types, empty = all. Connect: the one event type. */
  eventTypes: string[];
  enabled: boolean;
  disabledReason: 'manual' | 'failing' | null;
  secretEncrypted: string | null;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookEndpointPatch = Partial<
  Pick<
    WebhookEndpoint,
    | 'url'
    | 'eventTypes'
    | 'enabled'
    | 'disabledReason'
    | 'secretEncrypted'
    | 'previousSecretEncrypted'
    | 'previousSecretExpiresAt'
    | 'failingSince'
  >
> & { updatedAt: Date };

export interface ConnectWebhookSecret {
  projectId: string;
  mode: KeyMode;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  rotatedAt: Date | null;
}

export interface WebhookEndpointsStore {
  insertWebhookEndpoint(endpoint: WebhookEndpoint): Promise<WebhookEndpoint | null>;
  findWebhookEndpoint(input: {
    projectId: string;
    mode: KeyMode;
    id: string;
  }): Promise<WebhookEndpoint | null>;
  findConnectWebhookEndpoint(input: {
    projectId: string;
    mode: KeyMode;
    eventType: string;
  }): Promise<WebhookEndpoint | null>;
  listWebhookEndpoints(input: {
    projectId: string;
    mode: KeyMode;
    surface: WebhookSurface;
  }): Promise<WebhookEndpoint[]>;
  updateWebhookEndpoint(id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint>;
  deleteWebhookEndpoint(id: string): Promise<boolean>;
  findConnectWebhookSecret(projectId: string, mode: KeyMode): Promise<ConnectWebhookSecret | null>;
  upsertConnectWebhookSecret(secret: ConnectWebhookSecret): Promise<ConnectWebhookSecret>;
  /** Creates the project's first Connect secret; null when one exists already (someone else won). */
  insertConnectWebhookSecret(secret: ConnectWebhookSecret): Promise<ConnectWebhookSecret | null>;
}

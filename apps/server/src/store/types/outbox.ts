// The outbox: every event a state change produced, written in the same transaction as the change.
import type { KeyMode } from './tenancy.ts';

export interface OutboxEvent {
  id: string;
  projectId: string;
  mode: KeyMode;
  surface: 'connect' | 'poy';
  eventType: string;
  body: unknown;
  /** The body exactly as stored and delivered. */
  bodyJson: string;
  createdAt: Date;
}

export interface OutboxStore {
  insertOutboxEvent(event: Omit<OutboxEvent, 'bodyJson'>): Promise<void>;
  findOutboxEvent(id: string): Promise<OutboxEvent | null>;
  /** In the order they were written. */
  listOutboxEvents(input: { projectId: string; mode?: KeyMode; limit?: number }): Promise<OutboxEvent[]>;
}

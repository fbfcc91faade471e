// Server keys derived from the one POY_SECRET_KEY with HKDF, one key per purpose, so that no two uses
// share key material and rotating the secret re-keys all of them.
import { hkdfSync } from 'node:crypto';

export interface ServerSecrets {
  /** Derives invite codes from session ids (so the same invite URL can be handed out again). */
  inviteCodeKey: Buffer;
  /** Derives the short codes typed at /join. */
  shortCodeKey: Buffer;
  /** Keys unique_human_id, so it is unlinkable across projects and regions without it. */
  uniqueHumanIdKey: Buffer;
  /** Keys the hashes of user agents kept for the consistency signal. */
  userAgentKey: Buffer;
  /** Keys the hash of a public enrollee's e-mail (kept instead of the address). */
  emailHashKey: Buffer;
  /** Derives opaque WebAuthn user handles for a project's users (the userId never reaches the device). */
  userHandleKey: Buffer;
  /** AES-256-GCM key that encrypts signing keys at rest. */
  signingKeyEncryptionKey: Buffer;
  /** AES-256-GCM key that encrypts webhook signing secrets at rest. */
  webhookSecretEncryptionKey: Buffer;
  /**
   * Keys the velocity digests of a flow's start (client IP, its network prefix, the device id), so
   * sessions can be counted by them without the addresses being stored or recoverable.
   */
  velocityKey: Buffer;
  /** AES-256-GCM key that seals responses kept for Idempotency-Key replays (they may hold secrets). */
  idempotencyResponseKey: Buffer;
  /** AES-256-GCM key that seals face templates at rest (core/uniqueness/face-template.ts). */
  faceTemplateKey: Buffer;
  /** AES-256-GCM key that seals the dashboard's one-time notices (a new key shown once) in a cookie. */
  dashboardFlashKey: Buffer;
  /** Derives opaque WebAuthn user handles for dashboard members. */
  memberHandleKey: Buffer;
  /** Derives a dashboard session's anti-forgery token from its session token (nothing extra stored). */
  dashboardCsrfKey: Buffer;
}

function derive(secretKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'poy-server-secrets-v1', purpose, 32));
}

export function deriveServerSecrets(secretKey: string): ServerSecrets {
  return {
    inviteCodeKey: derive(secretKey, 'invite-code'),
    shortCodeKey: derive(secretKey, 'short-code'),
    uniqueHumanIdKey: derive(secretKey, 'unique-human-id'),
    userAgentKey: derive(secretKey, 'user-agent'),
    emailHashKey: derive(secretKey, 'email-hash'),
    userHandleKey: derive(secretKey, 'user-handle'),
    signingKeyEncryptionKey: derive(secretKey, 'signing-key-encryption'),
    webhookSecretEncryptionKey: derive(secretKey, 'webhook-secret-encryption'),
    idempotencyResponseKey: derive(secretKey, 'idempotency-response'),
    faceTemplateKey: derive(secretKey, 'face-template'),
    velocityKey: derive(secretKey, 'velocity'),
    dashboardFlashKey: derive(secretKey, 'dashboard-flash'),
    memberHandleKey: derive(secretKey, 'member-handle'),
    dashboardCsrfKey: derive(secretKey, 'dashboard-csrf'),
  };
}

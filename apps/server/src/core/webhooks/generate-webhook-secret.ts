// New endpoint secrets. Receivers use the secret string as the HMAC key of `X-POY-Signature` and
// `X-Hub-Signature-256`, and its base64-decoded part as Standard Webhooks' key (signatures: @poy/wire).
import { randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX } from '@poy/wire';

/** `whsec_` + base64 of 24 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

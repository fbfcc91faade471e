// Binding an invite to one person's device. Threat: anyone who sees an invite URL (over a shoulder, on
// a shared screen, in a forwarded message) could otherwise finish the check with their own passkey and
// leave the victim's account VERIFIED. Answer: the first device that starts the flow gets a random
// secret, which the HTTP layer keeps in an HttpOnly cookie; only its SHA-256 digest is stored on the
// session, and every later step must present the secret (compared in constant time). A second device
// is refused with `invite_in_use` and changes nothing.
import { createHash } from 'node:crypto';
import type { VerificationSession } from '../../../store/store.ts';
import { randomBase62 } from '../../ids.ts';
import { digestsEqual, hashToken } from '../../token-digest.ts';
import type { FlowFailure } from './flow-result.ts';

/** Where an invite stands for the device asking. */
export type DeviceBinding = 'unbound' | 'this_device' | 'other_device';

/** 190 bits: as unguessable as the flow token. */
export function createDeviceSecret(): string {
  return randomBase62(32);
}

export function hashDeviceSecret(secret: string): string {
  return hashToken(secret);
}

/**
 * A public name for the invite, derived from its code, that tells one device's several invites apart
 * (the cookie's name). Domain-separated from the stored invite digest, and 96 bits of a SHA-256 of a
 * 128-bit code: it reveals nothing that would rebuild the code.
 */
export function inviteDeviceId(code: string): string {
  return createHash('sha256').update(`poy-invite-device\0${code}`, 'utf8').digest('hex').slice(0, 24);
}

export function deviceBindingOf(session: VerificationSession, deviceSecret: string | null): DeviceBinding {
  if (session.deviceSecretHashHex === null) return 'unbound';
  if (deviceSecret === null || deviceSecret === '') return 'other_device';
  return digestsEqual(hashDeviceSecret(deviceSecret), session.deviceSecretHashHex)
    ? 'this_device'
    : 'other_device';
}

/**
 * Every step after `start`: the session must be bound to this device. A flow nobody started is refused
 * too, or skipping `start` would skip the binding.
 */
export function deviceRefusal(session: VerificationSession, deviceSecret: string | null): FlowFailure | null {
  switch (deviceBindingOf(session, deviceSecret)) {
    case 'this_device':
      return null;
    case 'unbound':
      return 'flow_not_started';
    case 'other_device':
      return 'invite_in_use';
  }
}

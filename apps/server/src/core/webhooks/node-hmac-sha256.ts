// node:crypto's HMAC-SHA256, for signing deliveries. The worker signs every attempt, and the pure-TS
// default of @poy/wire (which receivers run synchronously, in browsers too) is several times slower.
// Only the primitive is swapped: the bytes it is applied to and how the result is written stay the wire's.
import { createHmac } from 'node:crypto';
import type { HmacSha256 } from '@poy/wire';

export const nodeHmacSha256: HmacSha256 = (key, message) =>
  createHmac('sha256', key).update(message).digest();

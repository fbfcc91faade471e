// Small conversions shared by the SQL slices. Each slice maps its rows to domain records beside its
// SQL; enumerated text columns and jsonb are parsed with zod there, so a row that does not fit the
// domain fails loudly instead of leaking an unchecked value.
import { z } from 'zod';

export const modeSchema = z.enum(['live', 'test']);
export const stringArraySchema = z.array(z.string());

export function modeOf(value: string): 'live' | 'test' {
  return modeSchema.parse(value);
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

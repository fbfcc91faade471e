// Validation of a project's assurance policy as an operator changes it (`poy project update`). The
// threat is a policy that looks strict but is not: an allow-list entry that matches authenticators
// that prove nothing (the all-zero AAGUID), or attestation required with nothing allowed, which would
// silently turn every registration away. Each is refused with a message that says what to fix.
import { z } from 'zod';
import type { ProjectSettingsPatch, VelocityLimits } from '../../store/store.ts';
import {
  DEFAULT_VELOCITY_LIMITS,
  VELOCITY_LIMIT_NAMES,
  velocityLimitsSchema,
} from '../velocity/velocity-limits.ts';
import type { ProjectPolicySettings } from './policy.ts';

/** An AAGUID as WebAuthn and simplewebauthn write it: a UUID, 8-4-4-4-12 hex digits, lower case. */
export const AAGUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What an authenticator reports when it does not say its model (and every `none` attestation). */
export const NIL_AAGUID = '00000000-0000-0000-0000-000000000000';
export const AAGUID_ALLOW_LIST_MAX = 100;

export const ATTESTATION_WITHOUT_ALLOW_LIST_MESSAGE =
  'attestationRequired needs at least one AAGUID in aaguidAllowList: with an empty list no ' +
  'authenticator could ever meet it';

// Not z.uuid(): AAGUIDs are vendor-chosen 16 bytes and many lack the RFC 9562 version and variant bits.
export const aaguidSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(AAGUID_PATTERN, 'must be a UUID (8-4-4-4-12 hexadecimal digits)')
  .refine((aaguid) => aaguid !== NIL_AAGUID, {
    message: 'the all-zero AAGUID is what authenticators report when they do not attest; it proves no model',
  });

/**
 * A change to the policy; an absent field is left as it is, null returns it to the default. The
 * velocity limits given are merged onto the project's current ones (a single limit can be changed).
 */
export const assurancePolicyPatchSchema = z.strictObject({
  requiredAssurance: z.enum(['passkey', 'liveness', 'unique']).nullable().optional(),
  attestationRequired: z.boolean().optional(),
  aaguidAllowList: z
    .array(aaguidSchema)
    .max(AAGUID_ALLOW_LIST_MAX, `at most ${AAGUID_ALLOW_LIST_MAX} AAGUIDs`)
    .transform((list) => [...new Set(list)])
    .optional(),
  velocityLimits: velocityLimitsSchema.partial().nullable().optional(),
});
export type AssurancePolicyPatch = z.input<typeof assurancePolicyPatchSchema>;

/** The checked change, ready for the store (velocity limits complete). */
export type CheckedPolicyPatch = Pick<
  ProjectSettingsPatch,
  'requiredAssurance' | 'attestationRequired' | 'aaguidAllowList' | 'velocityLimits'
>;

/**
 * `problem` is one line per problem naming the field (what the CLI prints); `fields` are the same
 * fields as paths (`aaguidAllowList.0`, `velocityLimits.startsPerIpPerHour`), for a form that marks
 * each input.
 */
export type PolicyCheck =
  | { ok: true; patch: CheckedPolicyPatch }
  | { ok: false; problem: string; fields: string[] };

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? issue.path.map(String).join('.') : 'policy';
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${pathOf(issue)}: ${issue.message}`).join('; ');
}

/**
 * Checks a change against the project's current settings, so that the combination is refused too:
 * requiring attestation while the list (as it will be) is empty.
 */
export function checkAssurancePolicyPatch(current: ProjectPolicySettings, input: unknown): PolicyCheck {
  const parsed = assurancePolicyPatchSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problem: describeIssues(parsed.error),
      fields: [...new Set(parsed.error.issues.map(pathOf))],
    };
  }
  const attestationRequired = parsed.data.attestationRequired ?? current.attestationRequired;
  const allowList = parsed.data.aaguidAllowList ?? current.aaguidAllowList;
  if (attestationRequired && allowList.length === 0) {
    return { ok: false, problem: ATTESTATION_WITHOUT_ALLOW_LIST_MESSAGE, fields: ['aaguidAllowList'] };
  }
  const { velocityLimits, ...rest } = parsed.data;
  if (velocityLimits === undefined) return { ok: true, patch: rest };
  if (velocityLimits === null) return { ok: true, patch: { ...rest, velocityLimits: null } };
  return {
    ok: true,
    patch: { ...rest, velocityLimits: mergeVelocityLimits(current.velocityLimits, velocityLimits) },
  };
}

function mergeVelocityLimits(
  current: VelocityLimits | null,
  changes: Partial<VelocityLimits>,
): VelocityLimits {
  const merged: VelocityLimits = { ...(current ?? DEFAULT_VELOCITY_LIMITS) };
  // Field by field: a key present with an undefined value must not erase a limit.
  for (const name of VELOCITY_LIMIT_NAMES) {
    const value = changes[name];
    if (value !== undefined) merged[name] = value;
  }
  if (changes.velocityAction !== undefined) merged.velocityAction = changes.velocityAction;
  return merged;
}

// A project's settings edited as a whole (the dashboard's settings page, docs/dashboard.md §3): name,
// plan, trust threshold, the assurance policy, invite lifetime, redirect origins, WebAuthn relying
// party and branding. Every field is checked by the rule that already guards it elsewhere (the
// assurance policy by policy-settings.ts, origins by redirect-origins.ts, the invite lifetime by
// update-project-settings.ts); one bad field saves nothing, and every bad field is named so a form
// can mark each. Only what differs is written, with one audit event naming old and new values, in the
// same transaction (announced, so every process drops its cached project).
import type { Plan, Project, ProjectSettingsPatch, Store, StoreOperations } from '../../store/store.ts';
import { PLANS } from '../../store/store.ts';
import { checkAssurancePolicyPatch } from '../assurance/policy-settings.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import {
  DEFAULT_VELOCITY_LIMITS,
  VELOCITY_LIMIT_NAMES,
  type VelocityLimitName,
} from '../velocity/velocity-limits.ts';
import { normalizeRedirectOrigin } from '../verification/redirect-origins.ts';
import { BRAND_NAME_MAX_LENGTH, normalizeBrandColor, normalizeBrandLogoUrl } from './project-branding.ts';
import {
  isOriginWithinRelyingParty,
  isRelyingPartyId,
  normalizeWebAuthnOrigin,
} from './relying-party-settings.ts';
import { isInviteTtlInBounds } from './update-project-settings.ts';

export const PROJECT_NAME_MAX_LENGTH = 200;
export const RELYING_PARTY_NAME_MAX_LENGTH = 100;
/** Enough for every site of a business; a bound so a form cannot grow a row without limit. */
export const ORIGIN_LIST_MAX = 50;
export const TRUST_THRESHOLD_BOUNDS = { min: 0, max: 100 } as const;

/**
 * Every setting as the operator submitted it. Text fields are as typed (trimmed here); numbers that
 * were not numbers arrive as NaN and are refused with their field.
 */
export interface EditedProjectSettings {
  name: string;
  plan: string;
  trustThreshold: number;
  /** null: the deployment's default. */
  inviteTtlSeconds: number | null;
  /** null: the default level. */
  requiredAssurance: string | null;
  attestationRequired: boolean;
  aaguidAllowList: string[];
  velocityLimits: Record<VelocityLimitName, number> & { velocityAction: string };
  redirectOrigins: string[];
  /** Empty or null: the deployment's own. */
  webauthnRpId: string | null;
  webauthnRpName: string | null;
  webauthnOrigins: string[];
  brandName: string | null;
  brandColor: string | null;
  brandLogoUrl: string | null;
}

export type ProjectSettingField =
  | 'name'
  | 'plan'
  | 'trustThreshold'
  | 'inviteTtlSeconds'
  | 'requiredAssurance'
  | 'attestationRequired'
  | 'aaguidAllowList'
  | `velocityLimits.${VelocityLimitName}`
  | 'velocityLimits.velocityAction'
  | 'redirectOrigins'
  | 'webauthnRpId'
  | 'webauthnRpName'
  | 'webauthnOrigins'
  | 'brandName'
  | 'brandColor'
  | 'brandLogoUrl';

export type ChangeProjectSettingsResult =
  | {
      ok: true;
      project: Project /** Flattened names of what changed; empty when nothing did. */;
      changed: string[];
    }
  | { ok: false; reason: 'project_not_found' }
  | { ok: false; reason: 'invalid_settings'; fields: ProjectSettingField[] };

type Settings = Required<ProjectSettingsPatch>;
type Scalar = string | number | boolean | null;

const SETTING_KEYS = [
  'name',
  'plan',
  'trustThreshold',
  'inviteTtlSeconds',
  'requiredAssurance',
  'attestationRequired',
  'aaguidAllowList',
  'velocityLimits',
  'redirectOrigins',
  'webauthnRpId',
  'webauthnRpName',
  'webauthnOrigins',
  'brandName',
  'brandColor',
  'brandLogoUrl',
] as const satisfies ReadonlyArray<keyof Settings>;

const POLICY_FIELDS: ReadonlySet<string> = new Set<ProjectSettingField>([
  'requiredAssurance',
  'attestationRequired',
  'aaguidAllowList',
  'velocityLimits.velocityAction',
  ...VELOCITY_LIMIT_NAMES.map((name) => `velocityLimits.${name}` as const),
]);

function isPolicyField(path: string): path is ProjectSettingField {
  return POLICY_FIELDS.has(path);
}

/** `aaguidAllowList.3` → `aaguidAllowList`; `velocityLimits.startsPerIpPerHour` stays as it is. */
function policyFieldOf(path: string): ProjectSettingField | null {
  if (isPolicyField(path)) return path;
  const first = path.split('.')[0] ?? '';
  return isPolicyField(first) ? first : null;
}

function isPlan(value: string): value is Plan {
  return PLANS.some((plan) => plan === value);
}

/** Trimmed; empty means "not set". */
function optionalText(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function normalizeOrigins(
  values: readonly string[],
  normalize: (value: string) => string | null,
): string[] | null {
  const origins: string[] = [];
  for (const value of values) {
    const origin = normalize(value);
    if (origin === null) return null;
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins.length > ORIGIN_LIST_MAX ? null : origins;
}

/** The checked, normalized settings, or every field that is wrong. */
function checkSettings(
  current: Project,
  input: EditedProjectSettings,
  publicUrl: string,
): { ok: true; settings: Settings } | { ok: false; fields: ProjectSettingField[] } {
  const invalid = new Set<ProjectSettingField>();
  const name = input.name.trim();
  if (name.length < 1 || name.length > PROJECT_NAME_MAX_LENGTH) invalid.add('name');
  const plan = input.plan;
  if (!isPlan(plan)) invalid.add('plan');
  const { min, max } = TRUST_THRESHOLD_BOUNDS;
  if (!Number.isInteger(input.trustThreshold) || input.trustThreshold < min || input.trustThreshold > max) {
    invalid.add('trustThreshold');
  }
  if (input.inviteTtlSeconds !== null && !isInviteTtlInBounds(input.inviteTtlSeconds)) {
    invalid.add('inviteTtlSeconds');
  }

  const policy = checkAssurancePolicyPatch(current, {
    requiredAssurance: input.requiredAssurance,
    attestationRequired: input.attestationRequired,
    aaguidAllowList: input.aaguidAllowList,
    velocityLimits: input.velocityLimits,
  });
  if (!policy.ok) {
    for (const path of policy.fields) {
      const field = policyFieldOf(path);
      if (field !== null) invalid.add(field);
    }
  }

  const redirectOrigins = normalizeOrigins(input.redirectOrigins, (value) => {
    const checked = normalizeRedirectOrigin(value.trim());
    return checked.ok ? checked.origin : null;
  });
  if (redirectOrigins === null) invalid.add('redirectOrigins');

  const webauthnRpId = optionalText(input.webauthnRpId)?.toLowerCase() ?? null;
  if (webauthnRpId !== null && !isRelyingPartyId(webauthnRpId)) invalid.add('webauthnRpId');
  const webauthnRpName = optionalText(input.webauthnRpName);
  if (webauthnRpName !== null && webauthnRpName.length > RELYING_PARTY_NAME_MAX_LENGTH) {
    invalid.add('webauthnRpName');
  }
  const webauthnOrigins = normalizeOrigins(input.webauthnOrigins, (value) =>
    normalizeWebAuthnOrigin(value.trim()),
  );
  if (webauthnOrigins === null) invalid.add('webauthnOrigins');
  if (webauthnOrigins !== null && !invalid.has('webauthnRpId')) {
    // What relying-party.ts will use: the deployment's own host and origin where the project sets none.
    const deployment = new URL(publicUrl);
    const rpId = webauthnRpId ?? deployment.hostname;
    const origins = webauthnOrigins.length > 0 ? webauthnOrigins : [deployment.origin];
    if (!origins.every((origin) => isOriginWithinRelyingParty(origin, rpId))) invalid.add('webauthnRpId');
  }

  const brandName = optionalText(input.brandName);
  if (brandName !== null && brandName.length > BRAND_NAME_MAX_LENGTH) invalid.add('brandName');
  const brandColorText = optionalText(input.brandColor);
  const brandColor = brandColorText === null ? null : normalizeBrandColor(brandColorText);
  if (brandColor !== null && !brandColor.ok) invalid.add('brandColor');
  const brandLogoText = optionalText(input.brandLogoUrl);
  const brandLogo = brandLogoText === null ? null : normalizeBrandLogoUrl(brandLogoText);
  if (brandLogo !== null && !brandLogo.ok) invalid.add('brandLogoUrl');

  if (
    invalid.size > 0 ||
    !policy.ok ||
    !isPlan(plan) ||
    redirectOrigins === null ||
    webauthnOrigins === null
  ) {
    return { ok: false, fields: [...invalid] };
  }
  return {
    ok: true,
    settings: {
      name,
      plan,
      trustThreshold: input.trustThreshold,
      inviteTtlSeconds: input.inviteTtlSeconds,
      requiredAssurance: policy.patch.requiredAssurance ?? null,
      attestationRequired: policy.patch.attestationRequired ?? current.attestationRequired,
      aaguidAllowList: policy.patch.aaguidAllowList ?? current.aaguidAllowList,
      velocityLimits: policy.patch.velocityLimits ?? current.velocityLimits,
      redirectOrigins,
      webauthnRpId,
      webauthnRpName,
      webauthnOrigins,
      brandName,
      brandColor: brandColor?.ok ? brandColor.color : null,
      brandLogoUrl: brandLogo?.ok ? brandLogo.url : null,
    },
  };
}

/** One setting as the audit log and the comparison see it: scalars, lists joined, limits one by one. */
function flattenSetting(key: keyof Settings, value: Settings[keyof Settings]): Array<[string, Scalar]> {
  if (Array.isArray(value)) return [[key, value.join(', ')]];
  if (key === 'velocityLimits' && (value === null || typeof value === 'object')) {
    // Unset limits are the defaults: saving the defaults shown on the form is not a change.
    const limits = value ?? DEFAULT_VELOCITY_LIMITS;
    return [
      ...VELOCITY_LIMIT_NAMES.map((name): [string, Scalar] => [`velocityLimits.${name}`, limits[name]]),
      ['velocityLimits.velocityAction', limits.velocityAction],
    ];
  }
  return typeof value === 'object' && value !== null ? [] : [[key, value]];
}

function copySetting<K extends keyof Settings>(patch: ProjectSettingsPatch, from: Settings, key: K): void {
  patch[key] = from[key];
}

/** The settings that differ, as a store patch, and the audit details naming old and new values. */
function diffSettings(
  current: Project,
  next: Settings,
): { patch: ProjectSettingsPatch; changed: string[]; details: Record<string, Scalar> } {
  const patch: ProjectSettingsPatch = {};
  const changed: string[] = [];
  const details: Record<string, Scalar> = {};
  for (const key of SETTING_KEYS) {
    const before = new Map(flattenSetting(key, current[key]));
    let differs = false;
    for (const [name, value] of flattenSetting(key, next[key])) {
      const old = before.get(name) ?? null;
      if (old === value) continue;
      differs = true;
      changed.push(name);
      details[`${name}.old`] = old;
      details[`${name}.new`] = value;
    }
    if (differs) copySetting(patch, next, key);
  }
  return { patch, changed, details };
}

export async function changeProjectSettings(
  deps: { store: Store; clock: Clock; publicUrl: string },
  input: { accountId: string; projectId: string; actor: AuditActor; settings: EditedProjectSettings },
): Promise<ChangeProjectSettingsResult> {
  return deps.store.transaction(async (tx: StoreOperations): Promise<ChangeProjectSettingsResult> => {
    const current = await tx.findProjectById(input.projectId);
    // Another account's project is as unknown as a missing one.
    if (!current || current.accountId !== input.accountId) return { ok: false, reason: 'project_not_found' };
    const checked = checkSettings(current, input.settings, deps.publicUrl);
    if (!checked.ok) return { ok: false, reason: 'invalid_settings', fields: checked.fields };
    const { patch, changed, details } = diffSettings(current, checked.settings);
    if (changed.length === 0) return { ok: true, project: current, changed };
    const project = await tx.updateProjectSettings(current.id, patch);
    if (!project) return { ok: false, reason: 'project_not_found' };
    await recordAuditEvent(tx, deps.clock, input.actor, {
      accountId: current.accountId,
      projectId: current.id,
      action: 'project.updated',
      target: { kind: 'project', id: current.id },
      details: { changed: changed.join(', '), ...details },
    });
    return { ok: true, project, changed };
  });
}

// The settings form at the HTTP edge: its fields as text (zod: strings of bounded size, nothing else),
// then as the typed change core checks. Text that is not a number becomes NaN and lists are split on
// lines (or commas and spaces, as pasted), so every wrong value reaches core's one set of rules and
// comes back named, for the page to mark.
import { z } from 'zod';
import type { EditedProjectSettings } from '../../../core/tenancy/change-project-settings.ts';
import type { SettingsFormValues, SettingsTextField } from '../../../web/dashboard/settings-page.ts';

/** Far above any sane value; past it the request is refused whole (400) instead of re-rendered. */
const FIELD_MAX_LENGTH = 20_000;
const text = z.string().max(FIELD_MAX_LENGTH).default('');

export const settingsFormBody = z.object({
  name: text,
  plan: text,
  trustThreshold: text,
  inviteTtlSeconds: text,
  requiredAssurance: text,
  // A checkbox is sent only when ticked.
  attestationRequired: z.string().max(10).optional(),
  aaguidAllowList: text,
  'velocityLimits.newHumansPerIpPerHour': text,
  'velocityLimits.newHumansPerPrefixPerHour': text,
  'velocityLimits.newHumansPerDevicePerDay': text,
  'velocityLimits.startsPerIpPerHour': text,
  'velocityLimits.startsPerDevicePerHour': text,
  'velocityLimits.velocityAction': text,
  redirectOrigins: text,
  webauthnRpId: text,
  webauthnRpName: text,
  webauthnOrigins: text,
  brandName: text,
  brandColor: text,
  brandLogoUrl: text,
} satisfies Record<SettingsTextField | 'attestationRequired', z.ZodType>);
export type SettingsFormBody = z.infer<typeof settingsFormBody>;

export function settingsFormValuesFromBody(body: SettingsFormBody): SettingsFormValues {
  const { attestationRequired, ...fields } = body;
  return { ...fields, attestationRequired: attestationRequired !== undefined };
}

/** A whole number as typed (digits only), else NaN for core to refuse. */
function integerOf(value: string): number {
  const trimmed = value.trim();
  return /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function listOf(value: string): string[] {
  return value.split(/[\s,]+/).filter((item) => item !== '');
}

export function editedSettingsOf(values: SettingsFormValues): EditedProjectSettings {
  return {
    name: values.name,
    plan: values.plan,
    trustThreshold: integerOf(values.trustThreshold),
    inviteTtlSeconds: values.inviteTtlSeconds.trim() === '' ? null : integerOf(values.inviteTtlSeconds),
    requiredAssurance: values.requiredAssurance === '' ? null : values.requiredAssurance,
    attestationRequired: values.attestationRequired,
    aaguidAllowList: listOf(values.aaguidAllowList),
    velocityLimits: {
      newHumansPerIpPerHour: integerOf(values['velocityLimits.newHumansPerIpPerHour']),
      newHumansPerPrefixPerHour: integerOf(values['velocityLimits.newHumansPerPrefixPerHour']),
      newHumansPerDevicePerDay: integerOf(values['velocityLimits.newHumansPerDevicePerDay']),
      startsPerIpPerHour: integerOf(values['velocityLimits.startsPerIpPerHour']),
      startsPerDevicePerHour: integerOf(values['velocityLimits.startsPerDevicePerHour']),
      velocityAction: values['velocityLimits.velocityAction'],
    },
    redirectOrigins: listOf(values.redirectOrigins),
    webauthnRpId: values.webauthnRpId,
    webauthnRpName: values.webauthnRpName,
    webauthnOrigins: listOf(values.webauthnOrigins),
    brandName: values.brandName,
    brandColor: values.brandColor,
    brandLogoUrl: values.brandLogoUrl,
  };
}

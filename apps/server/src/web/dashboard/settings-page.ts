// /dashboard/p/{projectId}/{mode}/settings: every setting of a project on one plain form. The values are
// shown as they are saved (or, after a refused save, as they were typed, with a message beside each
// field that was wrong). Members whose role cannot change settings see the same form disabled and no
// button; the server refuses their POST anyway.
import type { ProjectSettingField } from '../../core/tenancy/change-project-settings.ts';
import { DEFAULT_VELOCITY_LIMITS, VELOCITY_LIMIT_NAMES } from '../../core/velocity/velocity-limits.ts';
import { PLANS, type Project } from '../../store/store.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import type { MessageKey, Translator } from '../i18n/translate.ts';
import {
  csrfField,
  type DashboardPageViewer,
  type DashboardProjectRef,
  projectPath,
  renderDashboardPage,
} from './dashboard-layout.ts';
import { PLAN_NAMES } from './projects-page.ts';

/** Every field but the checkbox, as text the way the form holds it. */
export type SettingsTextField = Exclude<ProjectSettingField, 'attestationRequired'>;
export type SettingsFormValues = Record<SettingsTextField, string> & { attestationRequired: boolean };

/** The form as a saved project fills it: lists one per line, unset limits as their defaults. */
export function settingsFormValuesOf(project: Project): SettingsFormValues {
  const limits = project.velocityLimits ?? DEFAULT_VELOCITY_LIMITS;
  return {
    name: project.name,
    plan: project.plan,
    trustThreshold: String(project.trustThreshold),
    inviteTtlSeconds: project.inviteTtlSeconds === null ? '' : String(project.inviteTtlSeconds),
    requiredAssurance: project.requiredAssurance ?? '',
    attestationRequired: project.attestationRequired,
    aaguidAllowList: project.aaguidAllowList.join('\n'),
    'velocityLimits.newHumansPerIpPerHour': String(limits.newHumansPerIpPerHour),
    'velocityLimits.newHumansPerPrefixPerHour': String(limits.newHumansPerPrefixPerHour),
    'velocityLimits.newHumansPerDevicePerDay': String(limits.newHumansPerDevicePerDay),
    'velocityLimits.startsPerIpPerHour': String(limits.startsPerIpPerHour),
    'velocityLimits.startsPerDevicePerHour': String(limits.startsPerDevicePerHour),
    'velocityLimits.velocityAction': limits.velocityAction,
    redirectOrigins: project.redirectOrigins.join('\n'),
    webauthnRpId: project.webauthnRpId ?? '',
    webauthnRpName: project.webauthnRpName ?? '',
    webauthnOrigins: project.webauthnOrigins.join('\n'),
    brandName: project.brandName ?? '',
    brandColor: project.brandColor ?? '',
    brandLogoUrl: project.brandLogoUrl ?? '',
  };
}

interface Choice {
  value: string;
  label: MessageKey;
}

interface FieldSpec {
  field: SettingsTextField;
  label: MessageKey;
  hint?: MessageKey;
  error: MessageKey;
  control:
    | { kind: 'text'; type: 'text' | 'url'; maxLength: number; autocomplete?: string }
    | { kind: 'number'; min: number; max: number }
    | { kind: 'textarea' }
    | { kind: 'select'; choices: readonly Choice[] };
}

const PLAN_CHOICES: readonly Choice[] = PLANS.map((plan) => ({ value: plan, label: PLAN_NAMES[plan] }));

const ASSURANCE_CHOICES: readonly Choice[] = [
  { value: '', label: 'dash.projects.settings.assurance.default' },
  { value: 'passkey', label: 'dash.projects.settings.assurance.passkey' },
  { value: 'liveness', label: 'dash.projects.settings.assurance.liveness' },
  { value: 'unique', label: 'dash.projects.settings.assurance.unique' },
];

const VELOCITY_ACTION_CHOICES: readonly Choice[] = [
  { value: 'review', label: 'dash.projects.settings.velocity.review' },
  { value: 'fail', label: 'dash.projects.settings.velocity.fail' },
];

const VELOCITY_LABELS: Readonly<Record<(typeof VELOCITY_LIMIT_NAMES)[number], MessageKey>> = {
  newHumansPerIpPerHour: 'dash.projects.settings.velocity.newHumansPerIpPerHour',
  newHumansPerPrefixPerHour: 'dash.projects.settings.velocity.newHumansPerPrefixPerHour',
  newHumansPerDevicePerDay: 'dash.projects.settings.velocity.newHumansPerDevicePerDay',
  startsPerIpPerHour: 'dash.projects.settings.velocity.startsPerIpPerHour',
  startsPerDevicePerHour: 'dash.projects.settings.velocity.startsPerDevicePerHour',
};

const GROUPS: ReadonlyArray<{
  legend: MessageKey;
  fields: readonly FieldSpec[];
  checkboxAfter?: SettingsTextField;
}> = [
  {
    legend: 'dash.projects.settings.group.project',
    fields: [
      {
        field: 'name',
        label: 'dash.projects.settings.name',
        error: 'dash.projects.error.name',
        control: { kind: 'text', type: 'text', maxLength: 200, autocomplete: 'off' },
      },
      {
        field: 'plan',
        label: 'dash.projects.settings.plan',
        error: 'dash.projects.error.plan',
        control: { kind: 'select', choices: PLAN_CHOICES },
      },
    ],
  },
  {
    legend: 'dash.projects.settings.group.policy',
    fields: [
      {
        field: 'trustThreshold',
        label: 'dash.projects.settings.trustThreshold',
        hint: 'dash.projects.settings.trustThresholdHint',
        error: 'dash.projects.settings.trustThresholdError',
        control: { kind: 'number', min: 0, max: 100 },
      },
      {
        field: 'requiredAssurance',
        label: 'dash.projects.settings.requiredAssurance',
        hint: 'dash.projects.settings.requiredAssuranceHint',
        error: 'dash.projects.settings.requiredAssuranceError',
        control: { kind: 'select', choices: ASSURANCE_CHOICES },
      },
      {
        field: 'aaguidAllowList',
        label: 'dash.projects.settings.aaguidAllowList',
        hint: 'dash.projects.settings.aaguidAllowListHint',
        error: 'dash.projects.settings.aaguidAllowListError',
        control: { kind: 'textarea' },
      },
    ],
    // The checkbox sits before the list it depends on.
    checkboxAfter: 'requiredAssurance',
  },
  {
    legend: 'dash.projects.settings.group.velocity',
    fields: [
      ...VELOCITY_LIMIT_NAMES.map(
        (name): FieldSpec => ({
          field: `velocityLimits.${name}`,
          label: VELOCITY_LABELS[name],
          error: 'dash.projects.settings.velocity.limitError',
          control: { kind: 'number', min: 1, max: 10_000 },
        }),
      ),
      {
        field: 'velocityLimits.velocityAction',
        label: 'dash.projects.settings.velocity.action',
        error: 'dash.projects.settings.velocity.actionError',
        control: { kind: 'select', choices: VELOCITY_ACTION_CHOICES },
      },
    ],
  },
  {
    legend: 'dash.projects.settings.group.invites',
    fields: [
      {
        field: 'inviteTtlSeconds',
        label: 'dash.projects.settings.inviteTtlSeconds',
        hint: 'dash.projects.settings.inviteTtlSecondsHint',
        error: 'dash.projects.settings.inviteTtlSecondsError',
        control: { kind: 'number', min: 300, max: 2_592_000 },
      },
      {
        field: 'redirectOrigins',
        label: 'dash.projects.settings.redirectOrigins',
        hint: 'dash.projects.settings.redirectOriginsHint',
        error: 'dash.projects.settings.originsError',
        control: { kind: 'textarea' },
      },
    ],
  },
  {
    legend: 'dash.projects.settings.group.webauthn',
    fields: [
      {
        field: 'webauthnRpId',
        label: 'dash.projects.settings.webauthnRpId',
        hint: 'dash.projects.settings.webauthnRpIdHint',
        error: 'dash.projects.settings.webauthnRpIdError',
        control: { kind: 'text', type: 'text', maxLength: 253, autocomplete: 'off' },
      },
      {
        field: 'webauthnRpName',
        label: 'dash.projects.settings.webauthnRpName',
        hint: 'dash.projects.settings.webauthnRpNameHint',
        error: 'dash.projects.settings.textTooLong',
        control: { kind: 'text', type: 'text', maxLength: 100, autocomplete: 'off' },
      },
      {
        field: 'webauthnOrigins',
        label: 'dash.projects.settings.webauthnOrigins',
        hint: 'dash.projects.settings.webauthnOriginsHint',
        error: 'dash.projects.settings.originsError',
        control: { kind: 'textarea' },
      },
    ],
  },
  {
    legend: 'dash.projects.settings.group.branding',
    fields: [
      {
        field: 'brandName',
        label: 'dash.projects.settings.brandName',
        hint: 'dash.projects.settings.brandNameHint',
        error: 'dash.projects.settings.textTooLong',
        control: { kind: 'text', type: 'text', maxLength: 100, autocomplete: 'off' },
      },
      {
        field: 'brandColor',
        label: 'dash.projects.settings.brandColor',
        hint: 'dash.projects.settings.brandColorHint',
        error: 'dash.projects.settings.brandColorError',
        control: { kind: 'text', type: 'text', maxLength: 7, autocomplete: 'off' },
      },
      {
        field: 'brandLogoUrl',
        label: 'dash.projects.settings.brandLogoUrl',
        hint: 'dash.projects.settings.brandLogoUrlHint',
        error: 'dash.projects.settings.brandLogoUrlError',
        control: { kind: 'text', type: 'url', maxLength: 2048, autocomplete: 'off' },
      },
    ],
  },
];

/** `velocityLimits.startsPerIpPerHour` → `settings-velocityLimits-startsPerIpPerHour`. */
export function settingsFieldId(field: ProjectSettingField): string {
  return `settings-${field.replace('.', '-')}`;
}

export interface SettingsPageInput {
  translator: Translator;
  viewer: DashboardPageViewer;
  projects: readonly DashboardProjectRef[];
  project: DashboardProjectRef;
  mode: 'live' | 'test';
  values: SettingsFormValues;
  /** The fields a refused save named; empty on a plain GET. */
  invalid: ReadonlySet<ProjectSettingField>;
  /** Whether the member may save (project.update). */
  canEdit: boolean;
  defaultInviteTtlSeconds: number;
  notice: 'saved' | 'unchanged' | null;
}

function renderField(input: SettingsPageInput, spec: FieldSpec): SafeHtml {
  const { t } = input.translator;
  const id = settingsFieldId(spec.field);
  const invalid = input.invalid.has(spec.field);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [invalid ? errorId : null, spec.hint ? hintId : null].filter(Boolean).join(' ');
  const value = input.values[spec.field];
  const common = html` id="${id}" name="${spec.field}"${describedBy === '' ? null : html` aria-describedby="${describedBy}"`}${invalid ? html` aria-invalid="true"` : null}`;
  let controlHtml: SafeHtml;
  switch (spec.control.kind) {
    case 'text':
      controlHtml = html`<input type="${spec.control.type}"${common} value="${value}" maxlength="${spec.control.maxLength}"${spec.control.autocomplete ? html` autocomplete="${spec.control.autocomplete}"` : null} spellcheck="false">`;
      break;
    case 'number':
      controlHtml = html`<input type="number"${common} value="${value}" min="${spec.control.min}" max="${spec.control.max}" step="1" inputmode="numeric">`;
      break;
    case 'textarea':
      controlHtml = html`<textarea${common} rows="3" spellcheck="false">${value}</textarea>`;
      break;
    case 'select':
      controlHtml = html`<select${common}>${spec.control.choices.map(
        (choice) =>
          html`<option value="${choice.value}"${choice.value === value ? html` selected` : null}>${t(choice.label)}</option>`,
      )}</select>`;
      break;
  }
  const hint =
    spec.hint === undefined
      ? null
      : html`<span id="${hintId}" class="hint">${t(spec.hint, { seconds: input.defaultInviteTtlSeconds })}</span>`;
  const error = invalid ? html`<span id="${errorId}" class="field-error">${t(spec.error)}</span>` : null;
  return html`<div class="dash-field${invalid ? ' dash-field--invalid' : ''}"><label for="${id}">${t(spec.label)}</label>${hint}${error}${controlHtml}</div>`;
}

function renderCheckbox(input: SettingsPageInput): SafeHtml {
  const { t } = input.translator;
  const id = settingsFieldId('attestationRequired');
  return html`<div class="dash-field dash-field--check"><input type="checkbox" id="${id}" name="attestationRequired" value="on" aria-describedby="${id}-hint"${input.values.attestationRequired ? html` checked` : null}><label for="${id}">${t('dash.projects.settings.attestationRequired')}</label><span id="${id}-hint" class="hint">${t('dash.projects.settings.attestationRequiredHint')}</span></div>`;
}

function renderGroup(input: SettingsPageInput, group: (typeof GROUPS)[number]): SafeHtml {
  const { t } = input.translator;
  const fields: HtmlValue[] = [];
  for (const spec of group.fields) {
    fields.push(renderField(input, spec));
    if (group.checkboxAfter === spec.field) fields.push(renderCheckbox(input));
  }
  // A member who cannot save sees the values, not controls that pretend to work.
  return html`<fieldset class="dash-fieldset"${input.canEdit ? null : html` disabled`}><legend>${t(group.legend)}</legend>${fields}</fieldset>`;
}

export function renderSettingsPage(input: SettingsPageInput): SafeHtml {
  const { t } = input.translator;
  const action = projectPath(input.project.id, input.mode, 'settings');
  const summary =
    input.invalid.size === 0
      ? null
      : html`<p class="dash-error" role="alert">${t('dash.projects.error.summary')}</p>`;
  const notice =
    input.notice === null
      ? null
      : html`<p class="dash-notice" role="status">${t(input.notice === 'saved' ? 'dash.projects.settings.saved' : 'dash.projects.settings.unchanged')}</p>`;
  const body = html`<p>${t('dash.projects.settings.intro')}</p>
${input.canEdit ? null : html`<p class="dash-notice">${t('dash.projects.settings.readOnly')}</p>`}
${notice}${summary}
<form class="dash-form dash-form--settings" method="post" action="${action}" novalidate>
${input.canEdit ? csrfField(input.viewer) : null}
${GROUPS.map((group) => renderGroup(input, group))}
${input.canEdit ? html`<p><button type="submit" class="button button--primary">${t('dash.projects.settings.submit')}</button></p>` : null}
</form>`;
  return renderDashboardPage({
    translator: input.translator,
    viewer: input.viewer,
    title: t('dash.projects.settings.title'),
    body,
    projects: input.projects,
    current: { project: input.project, mode: input.mode },
    section: 'settings',
  });
}

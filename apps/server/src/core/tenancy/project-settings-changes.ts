// What an operator's change to a project's settings did, as the audit log records it: the names of
// the settings that differ and their old and new values (`<name>.old`, `<name>.new`), lists joined by
// commas and velocity limits one by one with their defaults filled in. Nothing here is a secret.
import type { Project } from '../../store/store.ts';
import { DEFAULT_VELOCITY_LIMITS, VELOCITY_LIMIT_NAMES } from '../velocity/velocity-limits.ts';

type Scalar = string | number | boolean | null;

/** The settings the command line changes on an existing project. */
const AUDITED_SETTINGS = [
  'redirectOrigins',
  'inviteTtlSeconds',
  'requiredAssurance',
  'attestationRequired',
  'aaguidAllowList',
  'velocityLimits',
] as const;

function flatten(project: Project): Map<string, Scalar> {
  const values = new Map<string, Scalar>();
  for (const setting of AUDITED_SETTINGS) {
    if (setting === 'velocityLimits') {
      const limits = project.velocityLimits ?? DEFAULT_VELOCITY_LIMITS;
      for (const name of VELOCITY_LIMIT_NAMES) values.set(`velocityLimits.${name}`, limits[name]);
      values.set('velocityLimits.velocityAction', limits.velocityAction);
      continue;
    }
    const value = project[setting];
    values.set(setting, Array.isArray(value) ? value.join(', ') : value);
  }
  return values;
}

export interface ProjectSettingsChange {
  /** Names of the settings that differ; empty when the change changed nothing. */
  changed: string[];
  details: Record<string, Scalar>;
}

export function describeProjectSettingsChange(before: Project, after: Project): ProjectSettingsChange {
  const old = flatten(before);
  const changed: string[] = [];
  const details: Record<string, Scalar> = {};
  for (const [name, value] of flatten(after)) {
    const previous = old.get(name) ?? null;
    if (previous === value) continue;
    changed.push(name);
    details[`${name}.old`] = previous;
    details[`${name}.new`] = value;
  }
  return { changed, details: changed.length === 0 ? {} : { changed: changed.join(', '), ...details } };
}

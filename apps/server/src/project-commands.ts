// `poy project create` and `poy project update`: a project's plan, limits, passkey settings,
// redirect origins, invite lifetime and assurance policy from the shell (docs/api.md §1).

import {
  CLI_ACTOR,
  isPlan,
  optionalPositiveInteger,
  originOf,
  print,
  required,
  UsageError,
  withStore,
} from './cli-support.ts';
import type { Config } from './config.ts';
import { resolveAssurancePolicy } from './core/assurance/policy.ts';
import type { AssurancePolicyPatch } from './core/assurance/policy-settings.ts';
import { systemClock } from './core/clock.ts';
import { createProject } from './core/tenancy/create-project.ts';
import { setRedirectOrigins } from './core/tenancy/set-redirect-origins.ts';
import {
  INVITE_TTL_SECONDS_BOUNDS,
  isInviteTtlInBounds,
  updateProjectSettings,
} from './core/tenancy/update-project-settings.ts';
import {
  isVelocityLimitName,
  VELOCITY_LIMIT_NAMES,
  type VelocityLimits,
} from './core/velocity/velocity-limits.ts';
import { PLANS, type Project } from './store/store.ts';

export interface ProjectFlags {
  plan?: string | undefined;
  account?: string | undefined;
  name?: string | undefined;
  'public-id'?: string | undefined;
  'per-minute'?: string | undefined;
  'per-day'?: string | undefined;
  'rp-id'?: string | undefined;
  'rp-name'?: string | undefined;
  'webauthn-origin'?: string[] | undefined;
}

export async function createProjectFromFlags(config: Config, values: ProjectFlags): Promise<number> {
  const plan = values.plan ?? 'free';
  if (!isPlan(plan)) throw new UsageError(`--plan must be one of ${PLANS.join(', ')}`);
  return withStore(config, async (store) => {
    const result = await createProject(
      { store, clock: systemClock },
      {
        accountId: required(values.account, 'account'),
        name: required(values.name, 'name'),
        plan,
        ...(values['public-id'] ? { publicId: values['public-id'] } : {}),
        rateLimitPerMinute: optionalPositiveInteger(values['per-minute'], 'per-minute'),
        rateLimitPerDay: optionalPositiveInteger(values['per-day'], 'per-day'),
        ...(values['rp-id'] ? { webauthnRpId: values['rp-id'] } : {}),
        ...(values['rp-name'] ? { webauthnRpName: values['rp-name'] } : {}),
        ...(values['webauthn-origin'] ? { webauthnOrigins: values['webauthn-origin'].map(originOf) } : {}),
        actor: { kind: 'cli' },
      },
    );
    if (!result.ok) {
      process.stderr.write(`Could not create the project: ${result.reason.replaceAll('_', ' ')}\n`);
      return 1;
    }
    print(
      `Created project ${result.project.id} (public id ${result.project.publicId}, plan ${result.project.plan})`,
    );
    return 0;
  });
}

export interface ProjectUpdateFlags {
  project?: string | undefined;
  'redirect-origin'?: string[] | undefined;
  'invite-ttl-seconds'?: string | undefined;
  'required-assurance'?: string | undefined;
  'attestation-required'?: string | undefined;
  aaguid?: string[] | undefined;
  velocity?: string[] | undefined;
}

function parseRequiredAssuranceFlag(value: string): AssurancePolicyPatch['requiredAssurance'] {
  if (value === 'default') return null;
  if (value === 'passkey' || value === 'liveness' || value === 'unique') return value;
  throw new UsageError('--required-assurance must be passkey, liveness, unique or default');
}

function parseAttestationRequiredFlag(value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError('--attestation-required must be true or false');
}

/** `--aaguid none` empties the list; UUIDs themselves are checked by core. */
function parseAaguidFlags(values: string[]): string[] {
  if (values.length === 1 && values[0] === 'none') return [];
  if (values.includes('none')) throw new UsageError('--aaguid none cannot be combined with AAGUIDs');
  return values;
}

/** `--velocity default` returns to the defaults; otherwise each NAME=N (or action=…) changes one. */
function parseVelocityFlags(values: string[]): Partial<VelocityLimits> | null {
  if (values.length === 1 && values[0] === 'default') return null;
  const changes: Partial<VelocityLimits> = {};
  for (const value of values) {
    const [name = '', setting = ''] = value.split('=', 2);
    if (name === 'action') {
      if (setting !== 'review' && setting !== 'fail')
        throw new UsageError('--velocity action= must be review or fail');
      changes.velocityAction = setting;
    } else if (isVelocityLimitName(name)) {
      // Bounds are checked by core; a non-number becomes NaN and is refused there with the name.
      changes[name] = /^\d+$/.test(setting) ? Number(setting) : Number.NaN;
    } else {
      throw new UsageError(
        `--velocity ${value}: expected NAME=N with NAME one of ${VELOCITY_LIMIT_NAMES.join(', ')}, action=review|fail, or default`,
      );
    }
  }
  return changes;
}

function policyPatchOf(values: ProjectUpdateFlags): AssurancePolicyPatch {
  const level = values['required-assurance'];
  const attestation = values['attestation-required'];
  return {
    ...(level === undefined ? {} : { requiredAssurance: parseRequiredAssuranceFlag(level) }),
    ...(attestation === undefined ? {} : { attestationRequired: parseAttestationRequiredFlag(attestation) }),
    ...(values.aaguid === undefined ? {} : { aaguidAllowList: parseAaguidFlags(values.aaguid) }),
    ...(values.velocity === undefined ? {} : { velocityLimits: parseVelocityFlags(values.velocity) }),
  };
}

function describePolicy(project: Project): string {
  const policy = resolveAssurancePolicy(project);
  const limits = VELOCITY_LIMIT_NAMES.map((name) => `${name}=${policy.velocityLimits[name]}`).join(', ');
  return (
    `requires ${policy.requiredLevel}${project.requiredAssurance === null ? ' (default)' : ''}; ` +
    `attestation ${policy.attestationRequired ? 'required' : 'not required'}; ` +
    `AAGUIDs allowed: ${policy.aaguidAllowList.length === 0 ? 'none listed' : policy.aaguidAllowList.join(', ')}; ` +
    `velocity ${limits}, action=${policy.velocityLimits.velocityAction}${project.velocityLimits === null ? ' (defaults)' : ''}`
  );
}

function parseInviteTtlFlag(value: string): number | null {
  const inviteTtlSeconds = value === 'default' ? null : Number(value);
  if (inviteTtlSeconds !== null && !isInviteTtlInBounds(inviteTtlSeconds)) {
    const { min, max } = INVITE_TTL_SECONDS_BOUNDS;
    throw new UsageError(`--invite-ttl-seconds must be an integer from ${min} to ${max}, or default`);
  }
  return inviteTtlSeconds;
}

/** `poy project update`: an existing project's redirect origins and invite lifetime. */
export async function updateProjectFromFlags(config: Config, values: ProjectUpdateFlags): Promise<number> {
  const projectId = required(values.project, 'project');
  const origins = values['redirect-origin'];
  const ttlFlag = values['invite-ttl-seconds'];
  const policyPatch = policyPatchOf(values);
  const policyChanged = Object.keys(policyPatch).length > 0;
  if (origins === undefined && ttlFlag === undefined && !policyChanged) {
    throw new UsageError(
      'Nothing to update: pass --redirect-origin URL (repeatable), --invite-ttl-seconds and/or the assurance policy flags',
    );
  }
  const inviteTtlSeconds = ttlFlag === undefined ? undefined : parseInviteTtlFlag(ttlFlag);
  return withStore(config, async (store) => {
    if (origins !== undefined) {
      const result = await setRedirectOrigins(
        { store, clock: systemClock },
        { projectId, origins },
        CLI_ACTOR,
      );
      if (!result.ok) {
        process.stderr.write(
          result.reason === 'not_found'
            ? 'No project with that id.\n'
            : `--redirect-origin ${result.origin} is not usable (${result.problem.replaceAll('_', ' ')}): give scheme, host and port only, https unless the host is localhost.\n`,
        );
        return 1;
      }
      print(
        `Updated project ${result.project.id}: redirect origins ${result.project.redirectOrigins.join(', ')}`,
      );
    }
    if (inviteTtlSeconds !== undefined) {
      const result = await updateProjectSettings(
        { store, clock: systemClock },
        projectId,
        { inviteTtlSeconds },
        CLI_ACTOR,
      );
      if (!result.ok) {
        process.stderr.write(`Could not update the project: ${result.reason.replaceAll('_', ' ')}\n`);
        return 1;
      }
      const ttl = result.project.inviteTtlSeconds;
      print(
        `Updated project ${result.project.id}: invites last ${ttl === null ? `the deployment default (${config.inviteTtlSeconds} s)` : `${ttl} s`}`,
      );
    }
    if (policyChanged) {
      const result = await updateProjectSettings(
        { store, clock: systemClock },
        projectId,
        policyPatch,
        CLI_ACTOR,
      );
      if (!result.ok) {
        process.stderr.write(
          result.reason === 'invalid_assurance_policy'
            ? `The assurance policy was not changed: ${result.problem}\n`
            : `Could not update the project: ${result.reason.replaceAll('_', ' ')}\n`,
        );
        return 1;
      }
      print(`Updated project ${result.project.id}: ${describePolicy(result.project)}`);
    }
    return 0;
  });
}

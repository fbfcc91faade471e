// Reading the deployment files the way their engines would, far enough to check them against the code:
// compose.yaml (with YAML merge keys and `${VAR:-default}` interpolation), the Dockerfile's instructions,
// and the Kubernetes manifests as `kubectl kustomize` renders them. No container engine runs here, so
// this is what can be checked: names, commands, ports and probes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';

export const REPOSITORY_ROOT = new URL('../../../../', import.meta.url).pathname;
const POY_BIN = join(REPOSITORY_ROOT, 'apps/server/bin/poy.js');

export function readRepositoryFile(path: string): string {
  return readFileSync(join(REPOSITORY_ROOT, path), 'utf8');
}

const composeServiceSchema = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  read_only: z.boolean().optional(),
  tmpfs: z.array(z.string()).optional(),
  restart: z.string().optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }).partial())])
    .optional(),
  deploy: z.object({ replicas: z.number().int() }).partial().optional(),
  stop_grace_period: z.string().optional(),
  volumes: z.array(z.string()).optional(),
});
export type ComposeService = z.infer<typeof composeServiceSchema>;

export function readCompose(): Record<string, ComposeService> {
  const document = parse(readRepositoryFile('compose.yaml'), { merge: true });
  return z.object({ services: z.record(z.string(), composeServiceSchema) }).parse(document).services;
}

/** Compose's interpolation: `${NAME}`, `${NAME:-default}` and `${NAME:?error}` from `variables`. */
export function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind, rest) => {
    const given = variables[name];
    if (given !== undefined && given !== '') return given;
    if (kind === '-') return String(rest);
    throw new Error(`compose would refuse to start: ${name} is unset (${String(rest)})`);
  });
}

export interface DockerInstruction {
  keyword: string;
  argument: string;
  stage: number;
}

/** The Dockerfile's instructions in order, continuation lines joined, with the stage each belongs to. */
export function readDockerfile(): DockerInstruction[] {
  const joined = readRepositoryFile('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const instructions: DockerInstruction[] = [];
  let stage = -1;
  for (const line of joined) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    instructions.push({ keyword: keyword.toUpperCase(), argument: rest.join(' '), stage });
  }
  return instructions;
}

/** `ENV A=1 B=2` as pairs. */
export function parseEnvInstruction(argument: string): Array<[string, string]> {
  return argument
    .split(/\s+/)
    .filter((part) => part.includes('='))
    .map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at), part.slice(at + 1)];
    });
}

export function parseJsonArray(argument: string): string[] {
  return z.array(z.string()).parse(JSON.parse(argument));
}

const manifestSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }),
});
export type Manifest = z.infer<typeof manifestSchema> & { body: unknown };

export function renderKustomization(directory = 'deploy/kubernetes'): Manifest[] {
  const rendered = execFileSync('kubectl', ['kustomize', join(REPOSITORY_ROOT, directory)], {
    encoding: 'utf8',
  });
  return parseAllDocuments(rendered).map((document) => {
    const body: unknown = document.toJSON();
    return { ...manifestSchema.parse(body), body };
  });
}

const probeSchema = z.object({
  httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }),
});
const containerSchema = z.object({
  name: z.string(),
  image: z.string(),
  args: z.array(z.string()),
  ports: z.array(z.object({ name: z.string(), containerPort: z.number() })).optional(),
  envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }) })).optional(),
  env: z
    .array(
      z.object({
        name: z.string(),
        value: z.string().optional(),
        valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string() }) }).optional(),
      }),
    )
    .optional(),
  startupProbe: probeSchema.optional(),
  livenessProbe: probeSchema.optional(),
  readinessProbe: probeSchema.optional(),
  resources: z.object({
    requests: z.object({ cpu: z.string(), memory: z.string() }),
    limits: z.object({ memory: z.string() }).partial().optional(),
  }),
  securityContext: z.object({
    allowPrivilegeEscalation: z.literal(false),
    readOnlyRootFilesystem: z.literal(true),
  }),
});
export type Container = z.infer<typeof containerSchema>;

export const podTemplateSchema = z.object({
  metadata: z.object({ labels: z.record(z.string(), z.string()) }),
  spec: z.object({
    terminationGracePeriodSeconds: z.number().optional(),
    securityContext: z.object({ runAsNonRoot: z.literal(true) }),
    containers: z.array(containerSchema),
  }),
});

/** The pod template of a Deployment or a Job. */
export function podTemplateOf(manifest: Manifest) {
  return z.object({ spec: z.object({ template: podTemplateSchema }) }).parse(manifest.body).spec.template;
}

let usage: string | undefined;

/** The `poy --help` text, as a user sees it. */
function readCliUsage(): string {
  if (usage === undefined) {
    const result = spawnSync(process.execPath, [POY_BIN, '--help'], { encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`poy --help failed: ${result.stderr}`);
    usage = result.stdout;
  }
  return usage;
}

/**
 * The problems with running `poy <args>`: the command must be one the CLI lists (as the first word of a
 * usage line) and each `--flag` must appear in the usage text.
 */
export function findCliInvocationProblems(args: readonly string[]): string[] {
  const text = readCliUsage();
  const [command = ''] = args;
  const problems: string[] = [];
  if (!new RegExp(`^\\s+${command}(\\s|$)`, 'm').test(text)) problems.push(`unknown command "${command}"`);
  for (const flag of args.filter((arg) => arg.startsWith('--'))) {
    if (!text.includes(flag)) problems.push(`unknown flag ${flag}`);
  }
  return problems;
}

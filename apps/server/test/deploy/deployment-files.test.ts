// The Dockerfile, compose.yaml and the Kubernetes manifests checked against the code (docs/operations.md):
// every variable they set is one the server reads and their values pass its config schema, every command
// is one the CLI has, ports and probes match what the server listens on and answers. No container engine
// runs on this machine; `kubectl kustomize` renders the manifests.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { z } from 'zod';
import { CONFIGURATION_VARIABLES, loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/core/clock.ts';
import { createReadiness } from '../../src/http/readiness.ts';
import { createWorkerApp } from '../../src/http/worker-app.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { createTestApp, createTestStore } from '../harness.ts';
import {
  type Container,
  findCliInvocationProblems,
  interpolate,
  type Manifest,
  parseEnvInstruction,
  parseJsonArray,
  podTemplateOf,
  REPOSITORY_ROOT,
  readCompose,
  readDockerfile,
  readRepositoryFile,
  renderKustomization,
} from '../support/deployment-files.ts';

const SECRET_VARIABLES = ['POY_SECRET_KEY', 'DATABASE_URL', 'REDIS_URL'];
const SAMPLE_SECRETS: Record<string, string> = {
  POY_SECRET_KEY: 'a-deployment-test-secret-of-forty-characters',
  DATABASE_URL: 'postgres://poy:poy@postgres:5432/poy',
  REDIS_URL: 'redis://redis:6379',
};

function assertKnownVariables(where: string, names: readonly string[]): void {
  const unknown = names.filter((name) => !CONFIGURATION_VARIABLES.includes(name));
  assert.deepEqual(unknown, [], `${where} sets variables the server does not read`);
}

function assertCliInvocation(where: string, args: readonly string[]): void {
  assert.deepEqual(findCliInvocationProblems(args), [], `${where}: poy ${args.join(' ')}`);
}

describe('Dockerfile', () => {
  const instructions = readDockerfile();
  const finalStage = Math.max(...instructions.map((instruction) => instruction.stage));
  const runtime = instructions.filter((instruction) => instruction.stage === finalStage);
  const argumentsOf = (keyword: string) =>
    runtime
      .filter((instruction) => instruction.keyword === keyword)
      .map((instruction) => instruction.argument);

  it('builds in stages and installs only production dependencies from the lock file', () => {
    assert.ok(finalStage >= 1, 'a multi-stage build');
    const installs = instructions.filter((instruction) => /\bnpm (ci|install)\b/.test(instruction.argument));
    assert.ok(installs.length > 0);
    for (const install of installs) assert.match(install.argument, /npm ci --omit=dev/);
  });

  it('copies every workspace package manifest the lock file needs', () => {
    const copied = instructions
      .filter((instruction) => instruction.keyword === 'COPY' && !instruction.argument.startsWith('--from'))
      .flatMap((instruction) => instruction.argument.split(/\s+/).slice(0, -1));
    for (const workspace of ['apps/server', 'packages/wire', 'packages/sdk']) {
      assert.ok(copied.includes(`${workspace}/package.json`), `${workspace}/package.json is copied`);
    }
    for (const source of copied) assert.ok(existsSync(join(REPOSITORY_ROOT, source)), `${source} exists`);
  });

  it('runs as an unprivileged user, on the server port, with a readiness health check', () => {
    const users = argumentsOf('USER');
    assert.equal(users.length, 1);
    assert.ok(!['root', '0', ''].includes(users[0] ?? ''), 'not root');
    const environment = Object.fromEntries(argumentsOf('ENV').flatMap(parseEnvInstruction));
    assertKnownVariables('Dockerfile ENV', Object.keys(environment));
    const config = loadConfig({ ...environment, ...SAMPLE_SECRETS, PUBLIC_URL: 'https://poy.example.com' });
    assert.equal(config.mode, 'production');
    assert.deepEqual(argumentsOf('EXPOSE'), [String(config.port)]);
    const [healthcheck = ''] = argumentsOf('HEALTHCHECK');
    assert.match(healthcheck, /\/readyz/);
    assert.equal(config.dataDir, '/data');
    assert.match(argumentsOf('RUN').join('\n'), /chown node:node \/data/);
  });

  it('starts the poy command with a command the CLI has', () => {
    const [entrypoint = '[]'] = argumentsOf('ENTRYPOINT');
    const [, script = ''] = parseJsonArray(entrypoint);
    assert.ok(existsSync(join(REPOSITORY_ROOT, script)), `${script} exists`);
    const [command = '[]'] = argumentsOf('CMD');
    assertCliInvocation('Dockerfile CMD', parseJsonArray(command));
  });
});

describe('compose.yaml', () => {
  const services = readCompose();
  const poyServices = Object.entries(services).filter(([, service]) => service.image === 'poy:local');
  const caddyfile = readRepositoryFile('deploy/proxy/Caddyfile');

  it('has PostgreSQL, Redis, a one-shot migration, two API replicas, a worker and a TLS proxy', () => {
    assert.deepEqual(poyServices.map(([name]) => name).sort(), ['api', 'migrate', 'worker']);
    assert.ok(services.postgres && services.redis && services.proxy);
    assert.equal(services.migrate?.restart, 'no');
    assert.ok((services.api?.deploy?.replicas ?? 1) >= 2);
    for (const name of ['api', 'worker']) {
      const dependsOn = services[name]?.depends_on;
      assert.ok(dependsOn && !Array.isArray(dependsOn));
      assert.equal(dependsOn.migrate?.condition, 'service_completed_successfully', name);
    }
    assert.match(caddyfile, /reverse_proxy/);
    assert.ok(services.proxy?.volumes?.some((volume) => volume.startsWith('./deploy/proxy/Caddyfile:')));
  });

  it('runs each POY service read-only with a valid configuration and a CLI command', () => {
    for (const [name, service] of poyServices) {
      assert.equal(service.read_only, true, `${name} is read-only`);
      assert.ok(service.tmpfs?.includes('/tmp'), `${name} has a writable /tmp`);
      const environment = service.environment ?? {};
      assertKnownVariables(`compose ${name}`, Object.keys(environment));
      const values = Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [key, interpolate(value, SAMPLE_SECRETS)]),
      );
      const config = loadConfig(values);
      assert.equal(config.mode, 'production');
      assert.ok(config.databaseUrl, `${name} uses PostgreSQL`);
      assertCliInvocation(`compose ${name}`, service.command ?? []);
    }
  });

  it('refuses to start without a secret key', () => {
    const environment = services.api?.environment ?? {};
    assert.throws(() => interpolate(environment.POY_SECRET_KEY ?? '', {}), /POY_SECRET_KEY/);
  });

  it('sends the proxy to the API port and takes replicas out on a failing /readyz', () => {
    const port = interpolate(services.api?.environment?.PORT ?? '', SAMPLE_SECRETS);
    assert.match(caddyfile, new RegExp(`dynamic a api ${port}\\b`));
    assert.match(caddyfile, /health_uri \/readyz/);
  });
});

describe('Kubernetes manifests (kubectl kustomize deploy/kubernetes)', () => {
  const manifests = renderKustomization();
  const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
  const named = (kind: string, name: string): Manifest => {
    const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
    assert.ok(found, `${kind}/${name}`);
    return found;
  };
  const configMap = named('ConfigMap', 'poy-config');
  const configData = z.object({ data: z.record(z.string(), z.string()) }).parse(configMap.body).data;
  const workloads = [...byKind('Deployment'), ...byKind('Job')];

  function environmentOf(container: Container): Record<string, string> {
    const values: Record<string, string> = {};
    for (const source of container.envFrom ?? []) {
      assert.equal(source.configMapRef.name, 'poy-config');
      Object.assign(values, configData);
    }
    for (const variable of container.env ?? []) {
      const secret = variable.valueFrom?.secretKeyRef;
      values[variable.name] = secret ? (SAMPLE_SECRETS[variable.name] ?? secret.key) : (variable.value ?? '');
    }
    return values;
  }

  it('renders every part a cluster needs', () => {
    const kinds = new Set(manifests.map((manifest) => manifest.kind));
    for (const kind of [
      'ConfigMap',
      'Deployment',
      'Job',
      'Service',
      'Ingress',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'ServiceMonitor',
    ]) {
      assert.ok(kinds.has(kind), kind);
    }
    assert.deepEqual(
      byKind('Deployment')
        .map((manifest) => manifest.metadata.name)
        .sort(),
      ['poy-api', 'poy-worker'],
    );
  });

  it('configures every container with known variables, secrets only by reference, and CLI commands', () => {
    assert.deepEqual(
      Object.keys(configData).filter((name) => SECRET_VARIABLES.includes(name)),
      [],
      'no secret in the ConfigMap',
    );
    for (const workload of workloads) {
      const template = podTemplateOf(workload);
      for (const container of template.spec.containers) {
        const where = `${workload.kind}/${workload.metadata.name}`;
        for (const variable of container.env ?? []) {
          if (SECRET_VARIABLES.includes(variable.name)) {
            assert.equal(variable.value, undefined, `${where}: ${variable.name} by reference only`);
            assert.equal(variable.valueFrom?.secretKeyRef.name, 'poy-secrets');
          }
        }
        const environment = environmentOf(container);
        assertKnownVariables(where, Object.keys(environment));
        assert.equal(loadConfig(environment).mode, 'production', where);
        assert.equal(container.image.split(':')[0], 'ghcr.io/poyverify/poy');
        assertCliInvocation(where, container.args);
      }
    }
  });

  it('probes the paths the server answers, on the port it listens on', async () => {
    const api = podTemplateOf(named('Deployment', 'poy-api'));
    const [container] = api.spec.containers;
    assert.ok(container);
    const config = loadConfig(environmentOf(container));
    const http = container.ports?.find((port) => port.name === 'http');
    assert.equal(http?.containerPort, config.port);
    assert.equal(container.readinessProbe?.httpGet.path, '/readyz');
    assert.equal(container.livenessProbe?.httpGet.path, '/healthz');
    const { app, close } = await createTestApp();
    try {
      for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
        assert.ok(probe);
        assert.equal(probe.httpGet.port, 'http');
        const response = await app.inject({ method: 'GET', url: probe.httpGet.path });
        assert.equal(response.statusCode, 200, probe.httpGet.path);
      }
    } finally {
      await close();
    }
  });

  it("probes the worker's own listener (WORKER_PORT), which answers them", async () => {
    const worker = podTemplateOf(named('Deployment', 'poy-worker'));
    const [container] = worker.spec.containers;
    assert.ok(container);
    const config = loadConfig(environmentOf(container));
    const metricsPort = container.ports?.find((port) => port.name === 'metrics');
    assert.ok(config.workerPort !== undefined, 'WORKER_PORT is set');
    assert.equal(metricsPort?.containerPort, config.workerPort);
    assert.equal(container.readinessProbe?.httpGet.path, '/readyz');
    assert.equal(container.livenessProbe?.httpGet.path, '/healthz');
    const testStore = await createTestStore();
    const app = createWorkerApp({
      config,
      store: testStore.store,
      logger: pino({ level: 'silent' }),
      readiness: createReadiness(),
      metrics: createMetrics({ store: testStore.store, clock: systemClock }),
    });
    try {
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        assert.ok(probe);
        assert.equal(probe.httpGet.port, 'metrics');
        const response = await app.inject({ method: 'GET', url: probe.httpGet.path });
        assert.equal(response.statusCode, 200, probe.httpGet.path);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
    } finally {
      await app.close();
      await testStore.close();
    }
  });

  it('connects the Service, autoscaler, disruption budget, Ingress and ServiceMonitor to the API pods', () => {
    const apiLabels = podTemplateOf(named('Deployment', 'poy-api')).metadata.labels;
    const service = named('Service', 'poy-api');
    const labels = z.record(z.string(), z.string());
    const selectsAll = (selector: Record<string, string>, target: Record<string, string> | undefined) =>
      Object.entries(selector).every(([key, value]) => target?.[key] === value);

    const serviceSpec = z
      .object({ spec: z.object({ selector: labels, ports: z.array(z.object({ targetPort: z.string() })) }) })
      .parse(service.body).spec;
    assert.ok(selectsAll(serviceSpec.selector, apiLabels));
    assert.deepEqual(
      serviceSpec.ports.map((port) => port.targetPort),
      ['http'],
    );

    const budget = z.object({ spec: z.object({ selector: z.object({ matchLabels: labels }) }) });
    assert.ok(
      selectsAll(
        budget.parse(named('PodDisruptionBudget', 'poy-api').body).spec.selector.matchLabels,
        apiLabels,
      ),
    );

    const autoscaler = z.object({
      spec: z.object({ scaleTargetRef: z.object({ kind: z.string(), name: z.string() }) }),
    });
    assert.deepEqual(autoscaler.parse(named('HorizontalPodAutoscaler', 'poy-api').body).spec.scaleTargetRef, {
      kind: 'Deployment',
      name: 'poy-api',
    });

    const ingress = z.object({
      spec: z.object({
        rules: z.array(
          z.object({
            http: z.object({
              paths: z.array(z.object({ backend: z.object({ service: z.object({ name: z.string() }) }) })),
            }),
          }),
        ),
      }),
    });
    const backends = ingress
      .parse(named('Ingress', 'poy').body)
      .spec.rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service.name));
    assert.deepEqual([...new Set(backends)], ['poy-api']);

    const monitor = z.object({
      spec: z.object({
        selector: z.object({ matchLabels: labels }),
        endpoints: z.array(z.object({ port: z.string(), path: z.string() })),
      }),
    });
    const monitorSpec = monitor.parse(named('ServiceMonitor', 'poy-api').body).spec;
    assert.ok(selectsAll(monitorSpec.selector.matchLabels, service.metadata.labels));
    assert.deepEqual(
      monitorSpec.endpoints.map((endpoint) => [endpoint.port, endpoint.path]),
      [['http', '/metrics']],
    );
  });

  it('gives every process its grace period before Kubernetes kills it', () => {
    for (const workload of byKind('Deployment')) {
      const template = podTemplateOf(workload);
      for (const container of template.spec.containers) {
        const grace = Number(environmentOf(container).SHUTDOWN_GRACE_SECONDS);
        assert.ok(grace > 15, 'above the 15 s webhook timeout');
        assert.ok(grace < (template.spec.terminationGracePeriodSeconds ?? 30), workload.metadata.name);
      }
    }
  });
});

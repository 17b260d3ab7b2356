import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLLECTOR_SETTINGS } from '@ragtrace/collector';
import { readDeployYaml } from './deploy-files.js';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  // Each test narrows the spec it reads; the schema checks below guard the shape.
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Probe {
  httpGet: { path: string; port: string | number };
}

interface Container {
  name: string;
  image: string;
  ports: Array<{ name: string; containerPort: number }>;
  envFrom: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe?: Probe;
}

interface DeploymentSpec {
  selector: { matchLabels: Record<string, string> };
  template: {
    metadata: { labels: Record<string, string> };
    spec: { containers: Container[]; securityContext: { runAsNonRoot: boolean } };
  };
}

/** apiVersion per kind, as the Kubernetes API serves them today. */
const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
};

const kustomization = readDeployYaml<{ resources: string[] }>('kubernetes/kustomization.yaml');
const manifests = kustomization.resources.map((file) => readDeployYaml<Manifest>(`kubernetes/${file}`));
const byKind = (kind: string): Manifest => {
  const manifest = manifests.find((candidate) => candidate.kind === kind);
  assert.ok(manifest, `kustomization.yaml lists a ${kind}`);
  return manifest;
};

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

describe('Kubernetes manifests', () => {
  it('each parses with the apiVersion of its kind and a DNS-1123 name', () => {
    assert.deepEqual(manifests.map((m) => m.kind).sort(), Object.keys(API_VERSIONS).sort());
    for (const manifest of manifests) {
      assert.equal(manifest.apiVersion, API_VERSIONS[manifest.kind], manifest.kind);
      assert.match(manifest.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });

  const deployment = byKind('Deployment');
  const spec = deployment.spec as unknown as DeploymentSpec;
  const podLabels = spec.template.metadata.labels;
  const container = spec.template.spec.containers[0];

  it('Deployment: selector matches its pods, non-root, resources, config from the ConfigMap and Secret', () => {
    assert.ok(container);
    assert.ok(matches(spec.selector.matchLabels, podLabels));
    assert.equal(spec.template.spec.securityContext.runAsNonRoot, true);
    assert.ok(container.resources.requests['cpu'] && container.resources.requests['memory']);
    assert.ok(container.resources.limits['memory']);
    assert.deepEqual(container.ports, [{ name: 'otlp-http', containerPort: 4318, protocol: 'TCP' }]);
    assert.deepEqual(
      container.envFrom.map((source) => source.configMapRef?.name ?? source.secretRef?.name),
      [byKind('ConfigMap').metadata.name, byKind('Secret').metadata.name],
    );
  });

  it('Deployment: liveness, readiness and startup probes ask /healthz on the OTLP port', () => {
    assert.ok(container);
    for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
      assert.deepEqual(probe?.httpGet, { path: '/healthz', port: 'otlp-http' });
    }
  });

  it('ConfigMap and Secret only set variables the collector reads; the URL with its password is the Secret’s', () => {
    const known = new Set(Object.values(COLLECTOR_SETTINGS).map((setting) => setting.env));
    const configMap = byKind('ConfigMap').data ?? {};
    const secret = byKind('Secret').stringData ?? {};
    for (const key of [...Object.keys(configMap), ...Object.keys(secret)]) assert.ok(known.has(key), key);
    assert.equal(configMap['RAGTRACE_HOST'], '0.0.0.0');
    assert.ok(!('RAGTRACE_CLICKHOUSE_URL' in configMap));
    assert.match(secret['RAGTRACE_CLICKHOUSE_URL'] ?? '', /^https?:\/\/[^:]+:[^@]+@/);
  });

  it('Service selects the Deployment’s pods on 4318', () => {
    const service = byKind('Service').spec as {
      selector: Record<string, string>;
      ports: Array<Record<string, unknown>>;
    };
    assert.ok(matches(service.selector, podLabels));
    assert.deepEqual(service.ports, [
      { name: 'otlp-http', port: 4318, targetPort: 'otlp-http', protocol: 'TCP' },
    ]);
  });

  it('HorizontalPodAutoscaler targets the Deployment; PodDisruptionBudget selects its pods', () => {
    const hpa = byKind('HorizontalPodAutoscaler').spec as {
      scaleTargetRef: Record<string, string>;
      minReplicas: number;
      maxReplicas: number;
      metrics: unknown[];
    };
    assert.deepEqual(hpa.scaleTargetRef, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    assert.ok(hpa.minReplicas >= 2 && hpa.maxReplicas > hpa.minReplicas && hpa.metrics.length > 0);
    const pdb = byKind('PodDisruptionBudget').spec as { selector: { matchLabels: Record<string, string> } };
    assert.ok(matches(pdb.selector.matchLabels, podLabels));
    assert.ok(Object.keys(pdb.selector.matchLabels).length > 0);
  });
});

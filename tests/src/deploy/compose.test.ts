import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mountedPathExists, readDeployYaml } from './deploy-files.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string | null>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval: string; retries: number };
}

interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_FILES = [
  'docker-compose.yml',
  'docker-compose.embedded.yml',
  'clickhouse/docker-compose.cluster.yml',
];
const DEPENDS_ON_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** Checks the Compose specification's essentials every file must meet for `docker compose up`. */
function assertComposeEssentials(file: string, compose: ComposeFile): void {
  assert.match(compose.name, /^[a-z0-9][a-z0-9_-]*$/, `${file}: project name`);
  for (const [name, service] of Object.entries(compose.services)) {
    assert.ok(service.image ?? service.build, `${file}: ${name} has an image or a build`);
    if (service.image)
      assert.match(service.image, /^[\w./-]+:[\w.-]+$/, `${file}: ${name} pins an image tag`);
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      assert.ok(compose.services[dependency], `${file}: ${name} depends on a defined service ${dependency}`);
      assert.ok(DEPENDS_ON_CONDITIONS.includes(condition), `${file}: ${name} → ${dependency}: ${condition}`);
      if (condition === 'service_healthy') {
        assert.ok(compose.services[dependency]?.healthcheck, `${file}: ${dependency} needs a healthcheck`);
      }
    }
    if (service.healthcheck) assert.match(service.healthcheck.test[0] ?? '', /^CMD(-SHELL)?$/);
    for (const volume of service.volumes ?? []) {
      const [source = '', target = ''] = volume.split(':');
      assert.match(target, /^\//, `${file}: ${name} mounts at an absolute path`);
      if (source.startsWith('.')) {
        assert.ok(mountedPathExists(file, source), `${file}: ${name} mounts ${source}, which exists`);
      } else {
        assert.ok(
          compose.volumes && source in compose.volumes,
          `${file}: named volume ${source} is declared`,
        );
      }
    }
    if (service.build) {
      assert.ok(mountedPathExists(file, `${service.build.context}/${service.build.dockerfile}`));
    }
  }
}

describe('docker compose files', () => {
  for (const file of COMPOSE_FILES) {
    it(`${file} parses and meets the Compose essentials (images, healthchecks, depends_on, volumes)`, () => {
      assertComposeEssentials(file, readDeployYaml<ComposeFile>(file));
    });
  }

  it('docker-compose.yml: collector writes to the ClickHouse service; Grafana has the plugin and the provisioning', () => {
    const { services } = readDeployYaml<ComposeFile>('docker-compose.yml');
    const { clickhouse, collector, grafana } = services;
    assert.ok(clickhouse && collector && grafana);
    assert.match(clickhouse.image ?? '', /^clickhouse\/clickhouse-server:/);
    assert.match(
      collector.environment?.['RAGTRACE_CLICKHOUSE_URL'] ?? '',
      /^http:\/\/[^@]+@clickhouse:8123$/,
    );
    assert.equal(collector.environment?.['RAGTRACE_HOST'], '0.0.0.0');
    assert.ok(collector.ports?.includes('4318:4318'));
    assert.deepEqual(collector.depends_on, { clickhouse: { condition: 'service_healthy' } });
    assert.match(collector.healthcheck?.test.join(' ') ?? '', /\/healthz/);
    assert.match(grafana.environment?.['GF_INSTALL_PLUGINS'] ?? '', /\bgrafana-clickhouse-datasource\b/);
    assert.equal(grafana.environment?.['RAGTRACE_CLICKHOUSE_HOST'], 'clickhouse');
    assert.ok(grafana.volumes?.includes('./grafana/provisioning:/etc/grafana/provisioning:ro'));
    assert.ok(
      grafana.volumes?.includes(`../dashboards:${grafana.environment?.['RAGTRACE_DASHBOARDS_DIR']}:ro`),
    );
  });

  it('docker-compose.embedded.yml points the same provisioning at a host collector’s /clickhouse', () => {
    const grafana = readDeployYaml<ComposeFile>('docker-compose.embedded.yml').services['grafana'];
    assert.ok(grafana);
    assert.equal(grafana.environment?.['RAGTRACE_CLICKHOUSE_HOST'], 'host.docker.internal');
    assert.equal(grafana.environment?.['RAGTRACE_CLICKHOUSE_PATH'], '/clickhouse');
    assert.match(grafana.environment?.['RAGTRACE_CLICKHOUSE_PORT'] ?? '', /4318/);
    assert.ok(grafana.volumes?.includes('./grafana/provisioning:/etc/grafana/provisioning:ro'));
  });

  it('the cluster compose runs 3 keepers, 2 shards × 2 replicas, each with its own macros, and a collector ON CLUSTER', () => {
    const { services } = readDeployYaml<ComposeFile>('clickhouse/docker-compose.cluster.yml');
    assert.deepEqual(
      Object.keys(services).filter((name) => name.startsWith('keeper-')),
      ['keeper-1', 'keeper-2', 'keeper-3'],
    );
    const nodes = ['ch-s1-r1', 'ch-s1-r2', 'ch-s2-r1', 'ch-s2-r2'];
    for (const node of nodes) {
      const volumes = services[node]?.volumes ?? [];
      assert.ok(
        volumes.includes(`./cluster/macros/${node}.xml:/etc/clickhouse-server/config.d/macros.xml:ro`),
      );
      assert.ok(volumes.some((volume) => volume.startsWith('./cluster/remote-servers.xml:')));
      assert.ok(volumes.some((volume) => volume.startsWith('./config.d/system-log-ttl.xml:')));
    }
    assert.equal(services['collector']?.environment?.['RAGTRACE_CLICKHOUSE_CLUSTER'], 'ragtrace');
  });
});

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deployPath, readDeployYaml } from './deploy-files.js';

interface DatasourcesFile {
  apiVersion: number;
  datasources: Array<{
    name: string;
    type: string;
    uid: string;
    access: string;
    jsonData: Record<string, unknown>;
    secureJsonData: Record<string, string>;
  }>;
}

interface DashboardsFile {
  apiVersion: number;
  providers: Array<{ name: string; type: string; folder: string; options: { path: string } }>;
}

const PROVISIONING = 'grafana/provisioning';

/**
 * What a compose file gives Grafana's environment for ${VAR} expansion in provisioning files, with
 * compose's own ${VAR:-default} interpolation resolved as on a host that sets none of them.
 */
function composeGrafanaEnvironment(file: string): Record<string, string> {
  const compose = readDeployYaml<{ services: Record<string, { environment: Record<string, string> }> }>(file);
  const environment = compose.services['grafana']?.environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, value.replace(/\$\{\w+:-([^}]*)\}/g, '$1')]),
  );
}

/** Grafana's provisioning expansion of $VAR and ${VAR} from its environment. */
function expand(value: unknown, env: Record<string, string>): unknown {
  return typeof value === 'string'
    ? value.replace(
        /\$\{(\w+)\}|\$(\w+)/g,
        (_match, braced: string, bare: string) => env[braced ?? bare] ?? '',
      )
    : value;
}

describe('Grafana provisioning', () => {
  it('holds only datasources/ and dashboards/, each with YAML files in Grafana’s format', () => {
    assert.deepEqual(readdirSync(deployPath(PROVISIONING)).sort(), ['dashboards', 'datasources']);
  });

  const datasources = readDeployYaml<DatasourcesFile>(`${PROVISIONING}/datasources/ragtrace-clickhouse.yaml`);
  const [datasource] = datasources.datasources;

  it('provisions one ClickHouse plugin datasource over HTTP, with the OTel trace and log tables', () => {
    assert.equal(datasources.apiVersion, 1);
    assert.ok(datasource);
    assert.equal(datasource.type, 'grafana-clickhouse-datasource');
    assert.equal(datasource.access, 'proxy');
    assert.equal(datasource.jsonData['protocol'], 'http');
    assert.equal(datasource.jsonData['defaultDatabase'], 'otel');
    assert.deepEqual(datasource.jsonData['traces'], {
      defaultDatabase: 'otel',
      defaultTable: 'otel_traces',
      otelEnabled: true,
      otelVersion: 'latest',
    });
    assert.equal((datasource.jsonData['logs'] as Record<string, unknown>)['defaultTable'], 'otel_logs');
    assert.ok('password' in datasource.secureJsonData, 'the password stays in secureJsonData');
  });

  const setups: Array<[string, Record<string, unknown>]> = [
    ['docker-compose.yml', { host: 'clickhouse', port: 8123, path: '' }],
    ['docker-compose.embedded.yml', { host: 'host.docker.internal', port: 4318, path: '/clickhouse' }],
  ];
  for (const [file, expected] of setups) {
    it(`with ${file}'s environment it reaches ${String(expected['host'])}:${String(expected['port'])}${String(expected['path'])}`, () => {
      assert.ok(datasource);
      const env = composeGrafanaEnvironment(file);
      const resolved = Object.fromEntries(
        ['host', 'port', 'path'].map((key) => [key, expand(datasource.jsonData[key], env)]),
      );
      // The plugin parses a port given as a string; it must be a whole number.
      assert.deepEqual({ ...resolved, port: Number(resolved['port']) }, expected);
      assert.ok(expand(datasource.jsonData['username'], env), 'a user name is set');
    });
  }

  it('loads the dashboards folder through a file provider', () => {
    const dashboards = readDeployYaml<DashboardsFile>(`${PROVISIONING}/dashboards/ragtrace.yaml`);
    assert.equal(dashboards.apiVersion, 1);
    const [provider] = dashboards.providers;
    assert.ok(provider);
    assert.equal(provider.type, 'file');
    assert.ok(provider.folder);
    for (const [file] of setups) {
      const path = expand(provider.options.path, composeGrafanaEnvironment(file));
      assert.equal(
        path,
        '/var/lib/grafana/dashboards/ragtrace',
        `${file} mounts dashboards/ where the provider looks`,
      );
    }
  });
});

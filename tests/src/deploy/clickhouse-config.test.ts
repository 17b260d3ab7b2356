import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deployPath, readDeployText, readDeployYaml } from './deploy-files.js';
import { elementsAt, parseXml, textAt, type XmlElement } from './xml-elements.js';

const CLUSTER_NODES = ['ch-s1-r1', 'ch-s1-r2', 'ch-s2-r1', 'ch-s2-r2'];

function readConfig(path: string): XmlElement {
  const root = parseXml(readDeployText(path));
  assert.equal(root.name, 'clickhouse', `${path}: ClickHouse reads <clickhouse> roots`);
  return root;
}

function xmlFiles(dir: string): string[] {
  return readdirSync(deployPath(dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.xml'))
    .map((file) => `${dir}/${file}`);
}

describe('ClickHouse configuration in deploy/clickhouse', () => {
  it('every XML file is well formed', () => {
    const files = xmlFiles('clickhouse');
    assert.ok(files.length >= 8);
    for (const file of files) readConfig(file);
  });

  it('the parser behind that check refuses malformed XML', () => {
    assert.throws(() => parseXml('<clickhouse><a></b></clickhouse>'), /closes/);
    assert.throws(() => parseXml('<clickhouse><a></clickhouse>'), /closes/);
    assert.throws(() => parseXml('<clickhouse>'), /never closed/);
    assert.throws(() => parseXml('<a/><b/>'), /one root/);
  });

  const remoteServers = readConfig('clickhouse/cluster/remote-servers.xml');
  const clusters = elementsAt(remoteServers, ['remote_servers', '*']);

  it('defines the cluster the example deployments name in RAGTRACE_CLICKHOUSE_CLUSTER: 2 shards × 2 replicas', () => {
    assert.deepEqual(
      clusters.map((cluster) => cluster.name),
      ['ragtrace'],
    );
    const configMap = readDeployYaml<{ data: Record<string, string> }>('kubernetes/configmap.yaml');
    assert.equal(configMap.data['RAGTRACE_CLICKHOUSE_CLUSTER'], 'ragtrace');
    const shards = elementsAt(remoteServers, ['remote_servers', 'ragtrace', 'shard']);
    assert.equal(shards.length, 2);
    for (const shard of shards) {
      assert.equal(textAt(shard, ['internal_replication']), 'true');
      assert.equal(elementsAt(shard, ['replica']).length, 2);
    }
    const hosts = elementsAt(remoteServers, ['remote_servers', 'ragtrace', 'shard', 'replica']).map(
      (replica) => textAt(replica, ['host']),
    );
    assert.deepEqual(hosts, CLUSTER_NODES);
  });

  it('gives each node macros matching its place in remote_servers, with replica names unique cluster-wide', () => {
    const shards = elementsAt(remoteServers, ['remote_servers', 'ragtrace', 'shard']);
    shards.forEach((shard, index) => {
      for (const replica of elementsAt(shard, ['replica'])) {
        const host = textAt(replica, ['host']);
        const macros = readConfig(`clickhouse/cluster/macros/${host}.xml`);
        assert.equal(textAt(macros, ['macros', 'shard']), String(index + 1), host);
        assert.equal(textAt(macros, ['macros', 'replica']), host);
      }
    });
  });

  it('points every node at a three-node Keeper ensemble that matches the keepers’ raft configuration', () => {
    const clients = elementsAt(readConfig('clickhouse/cluster/use-keeper.xml'), ['zookeeper', 'node']);
    const keeper = readConfig('clickhouse/keeper/keeper.xml');
    const raft = elementsAt(keeper, ['keeper_server', 'raft_configuration', 'server']);
    assert.equal(raft.length, 3);
    assert.deepEqual(
      clients.map((node) => `${textAt(node, ['host'])}:${textAt(node, ['port'])}`),
      raft.map(
        (server) => `${textAt(server, ['hostname'])}:${textAt(keeper, ['keeper_server', 'tcp_port'])}`,
      ),
    );
    assert.equal(
      elementsAt(keeper, ['keeper_server', 'server_id'])[0]?.attributes['from_env'],
      'KEEPER_SERVER_ID',
    );
  });

  it('puts a TTL on ClickHouse’s own log tables, query_log, trace_log, part_log and metric_log among them', () => {
    const ttl = readConfig('clickhouse/config.d/system-log-ttl.xml');
    const tables = new Map(ttl.children.map((table) => [table.name, textAt(table, ['ttl'])]));
    for (const table of [
      'query_log',
      'trace_log',
      'part_log',
      'metric_log',
      'asynchronous_metric_log',
      'text_log',
    ]) {
      assert.match(tables.get(table) ?? '', /^event_date \+ INTERVAL \d+ DAY DELETE$/, table);
    }
  });
});

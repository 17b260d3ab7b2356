import { diag, DiagLogLevel, trace } from '@opentelemetry/api';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { after, afterEach, before, describe, it } from 'node:test';
import { ConfigurationError } from '../configuration-error.js';
import { INSTRUMENTATION_SCOPE } from '../stages/stage-tracer.js';
import { workflow } from '../stages/workflow.js';
import { withEnvironment } from '../test-support/environment.js';
import { setupMemoryTracing } from '../testing/memory-tracing.js';
import { startOtlpSink } from '@ragtrace/instrumentation-test-kit';
import type { OtlpSink } from '@ragtrace/instrumentation-test-kit';
import { SDK_VERSION } from '../version.js';
import {
  ENV_OTLP_ENDPOINT,
  ENV_OTLP_PROTOCOL,
  ENV_OTLP_TRACES_ENDPOINT,
  ENV_OTLP_TRACES_PROTOCOL,
} from './environment-variables.js';
import { setupTracing } from './setup-tracing.js';

/** Every variable these tests depend on, unset unless a test sets it. */
const CLEAN_ENVIRONMENT = {
  [ENV_OTLP_ENDPOINT]: undefined,
  [ENV_OTLP_TRACES_ENDPOINT]: undefined,
  [ENV_OTLP_PROTOCOL]: undefined,
  [ENV_OTLP_TRACES_PROTOCOL]: undefined,
  OTEL_EXPORTER_OTLP_HEADERS: undefined,
  OTEL_EXPORTER_OTLP_COMPRESSION: undefined,
  OTEL_SERVICE_NAME: undefined,
  OTEL_RESOURCE_ATTRIBUTES: undefined,
};

interface JsonKeyValue {
  key: string;
  value: { stringValue?: string };
}
interface JsonExport {
  resourceSpans: {
    resource: { attributes: JsonKeyValue[] };
    scopeSpans: { scope: { name: string; version?: string }; spans: { name: string }[] }[];
  }[];
}

function resourceAttribute(body: JsonExport, key: string): string | undefined {
  return body.resourceSpans[0]?.resource.attributes.find((attribute) => attribute.key === key)?.value
    .stringValue;
}

describe('setupTracing', () => {
  let sink: OtlpSink;
  before(async () => {
    sink = await startOtlpSink();
  });
  afterEach(() => {
    sink.requests.length = 0;
  });
  after(() => sink.close());

  it('exports protobuf to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces as OTEL_SERVICE_NAME', async () => {
    await withEnvironment(
      { ...CLEAN_ENVIRONMENT, [ENV_OTLP_ENDPOINT]: sink.url, OTEL_SERVICE_NAME: 'checkout-service' },
      async () => {
        const tracing = setupTracing();
        await workflow({ name: 'exported-workflow' }, async () => 'done');
        await tracing.shutdown();
      },
    );

    assert.equal(sink.requests.length, 1);
    const [request] = sink.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/v1/traces');
    assert.equal(request?.headers['content-type'], 'application/x-protobuf');
    // Protobuf stores strings as raw UTF-8, so the values are visible without a decoder.
    assert.ok(request?.body.includes('checkout-service'), 'service name in the export');
    assert.ok(request?.body.includes('invoke_workflow exported-workflow'), 'span name in the export');
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is and JSON from OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', async () => {
    await withEnvironment(
      {
        ...CLEAN_ENVIRONMENT,
        [ENV_OTLP_ENDPOINT]: 'http://127.0.0.1:9/unused',
        [ENV_OTLP_TRACES_ENDPOINT]: `${sink.url}/custom/traces`,
        [ENV_OTLP_TRACES_PROTOCOL]: 'http/json',
        [ENV_OTLP_PROTOCOL]: 'http/protobuf',
        OTEL_RESOURCE_ATTRIBUTES: 'region=eu-west,team=search',
      },
      async () => {
        const tracing = setupTracing({ serviceName: 'search-api', resourceAttributes: { team: 'rag' } });
        await workflow({ name: 'json-workflow' }, () => 'done');
        await tracing.shutdown();
      },
    );

    const [request] = sink.requests;
    assert.equal(request?.path, '/custom/traces');
    assert.equal(request?.headers['content-type'], 'application/json');
    const body = JSON.parse(request!.body.toString('utf8')) as JsonExport;
    assert.equal(resourceAttribute(body, ATTR_SERVICE_NAME), 'search-api');
    assert.equal(resourceAttribute(body, 'region'), 'eu-west');
    assert.equal(resourceAttribute(body, 'team'), 'rag', 'options win over OTEL_RESOURCE_ATTRIBUTES');
    const scopeSpans = body.resourceSpans[0]?.scopeSpans[0];
    assert.equal(scopeSpans?.scope.name, INSTRUMENTATION_SCOPE);
    assert.equal(scopeSpans?.scope.version, SDK_VERSION);
    assert.equal(scopeSpans?.spans[0]?.name, 'invoke_workflow json-workflow');
  });

  it('lets endpoint, protocol and headers options win over the environment', async () => {
    await withEnvironment(
      {
        ...CLEAN_ENVIRONMENT,
        [ENV_OTLP_ENDPOINT]: 'http://127.0.0.1:9',
        [ENV_OTLP_PROTOCOL]: 'http/protobuf',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=from-env,x-region=eu',
      },
      async () => {
        const tracing = setupTracing({
          endpoint: `${sink.url}/collector/`,
          protocol: 'http/json',
          headers: { 'x-tenant': 'from-options' },
        });
        await workflow({ name: 'explicit' }, () => 'done');
        await tracing.shutdown();
      },
    );

    const [request] = sink.requests;
    assert.equal(request?.path, '/collector/v1/traces');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.equal(request?.headers['x-tenant'], 'from-options');
    assert.equal(request?.headers['x-region'], 'eu');
  });

  it('compresses exports when OTEL_EXPORTER_OTLP_COMPRESSION=gzip', async () => {
    await withEnvironment(
      { ...CLEAN_ENVIRONMENT, OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip', [ENV_OTLP_PROTOCOL]: 'http/json' },
      async () => {
        const tracing = setupTracing({ endpoint: sink.url });
        await workflow({ name: 'compressed' }, () => 'done');
        await tracing.shutdown();
      },
    );

    const [request] = sink.requests;
    assert.equal(request?.headers['content-encoding'], 'gzip');
    const body = JSON.parse(gunzipSync(request!.body).toString('utf8')) as JsonExport;
    assert.equal(body.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name, 'invoke_workflow compressed');
  });

  it('resolves flush and shutdown when the collector rejects the export, reporting to diag', async () => {
    const rejecting = await startOtlpSink(400);
    const reported: string[] = [];
    const record = (message: string): void => {
      reported.push(message);
    };
    diag.setLogger(
      { error: record, warn: () => {}, info: () => {}, debug: () => {}, verbose: () => {} },
      { logLevel: DiagLogLevel.ERROR, suppressOverrideMessage: true },
    );
    try {
      await withEnvironment(CLEAN_ENVIRONMENT, async () => {
        const tracing = setupTracing({ endpoint: rejecting.url });
        await workflow({ name: 'rejected' }, () => 'done');
        await tracing.forceFlush();
        await workflow({ name: 'rejected-again' }, () => 'done');
        await tracing.shutdown();
      });
    } finally {
      diag.disable();
      await rejecting.close();
    }

    assert.equal(rejecting.requests.length, 2);
    assert.ok(reported.some((message) => message.includes('@ragtrace/sdk: flushing spans failed')));
    assert.ok(reported.some((message) => message.includes('@ragtrace/sdk: shutting down tracing failed')));
  });

  it('unregisters its globals on shutdown, so a later setup takes over', async () => {
    const first = setupMemoryTracing();
    await first.shutdown();
    await first.shutdown();
    const second = setupMemoryTracing();
    try {
      await workflow({ name: 'after-restart' }, () => 'done');
      assert.equal(second.spans().length, 1);
      assert.equal(first.spans().length, 0);
    } finally {
      await second.shutdown();
    }
    assert.equal(trace.getTracer('probe').startSpan('probe').isRecording(), false);
  });

  it('reports the version in package.json as the scope version', async () => {
    const packageJson = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    assert.equal(SDK_VERSION, packageJson.version);
  });
});

describe('setupTracing configuration errors', () => {
  function assertConfigurationError(
    setup: () => unknown,
    setting: string,
    value: unknown,
    accepted: string,
  ): void {
    assert.throws(setup, (error) => {
      assert.ok(error instanceof ConfigurationError, `expected a ConfigurationError, got ${String(error)}`);
      assert.equal(error.code, 'RAGTRACE_INVALID_CONFIGURATION');
      assert.equal(error.setting, setting);
      assert.equal(error.value, value);
      assert.ok(error.message.includes(setting), error.message);
      assert.ok(error.message.includes(accepted), error.message);
      return true;
    });
  }

  it('rejects the grpc protocol, naming the option, the value and what is accepted', async () => {
    await withEnvironment(CLEAN_ENVIRONMENT, () => {
      assertConfigurationError(
        () => setupTracing({ protocol: 'grpc' as 'http/json' }),
        'protocol',
        'grpc',
        `'http/protobuf', 'http/json'`,
      );
    });
  });

  it('rejects a protocol from the environment, naming the variable', async () => {
    await withEnvironment({ ...CLEAN_ENVIRONMENT, [ENV_OTLP_PROTOCOL]: 'grpc' }, () => {
      assertConfigurationError(() => setupTracing(), ENV_OTLP_PROTOCOL, 'grpc', 'http/json');
    });
  });

  it('rejects malformed endpoints from options and from the environment', async () => {
    await withEnvironment(CLEAN_ENVIRONMENT, () => {
      assertConfigurationError(
        () => setupTracing({ endpoint: 'collector:4318' }),
        'endpoint',
        'collector:4318',
        'URL',
      );
    });
    await withEnvironment({ ...CLEAN_ENVIRONMENT, [ENV_OTLP_TRACES_ENDPOINT]: 'not a url' }, () => {
      assertConfigurationError(() => setupTracing(), ENV_OTLP_TRACES_ENDPOINT, 'not a url', 'URL');
    });
  });

  it('rejects an empty service name', async () => {
    await withEnvironment(CLEAN_ENVIRONMENT, () => {
      assertConfigurationError(() => setupTracing({ serviceName: ' ' }), 'serviceName', ' ', 'non-empty');
    });
  });

  it('registers nothing when it throws', async () => {
    await withEnvironment(CLEAN_ENVIRONMENT, async () => {
      assert.throws(() => setupTracing({ protocol: 'grpc' as 'http/json' }), ConfigurationError);
      const tracing = setupMemoryTracing();
      await workflow({ name: 'after-error' }, () => 'done');
      assert.equal(tracing.spans().length, 1);
      await tracing.shutdown();
    });
  });
});

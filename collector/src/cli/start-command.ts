import { loadCollectorConfig } from '../config/collector-config.js';
import { COLLECTOR_SETTINGS } from '../config/collector-settings.js';
import { createLogger } from '../logging/logger.js';
import { startCollector } from '../server/start-collector.js';
import type { CliIo } from './cli-io.js';
import { describeSettings, parseSettingFlags } from './setting-flags.js';

const SETTINGS = Object.values(COLLECTOR_SETTINGS);

const USAGE = `Usage: ragtrace start [flags]

Starts the collector: OTLP/HTTP on /v1/traces, SQL on /clickhouse, health on /healthz and /readyz.
Each flag mirrors an environment variable; flags win.

${describeSettings(SETTINGS)}
`;

/**
 * Runs the collector until SIGTERM or SIGINT, then stops accepting, stores everything
 * accepted and exits 0. `stopSignal` lets tests stop it without a signal.
 */
export async function runStartCommand(argv: string[], io: CliIo, stopSignal?: AbortSignal): Promise<number> {
  const flags = parseSettingFlags(argv, SETTINGS);
  if (flags.help) {
    io.stdout(USAGE);
    return 0;
  }
  const config = loadCollectorConfig(io.env, flags.values);
  const logger = createLogger({ ...config.log, write: io.stderr });
  const collector = await startCollector(config, { logger });
  const where =
    config.storage.kind === 'embedded'
      ? `embedded ClickHouse in ${config.storage.dataDir}`
      : `ClickHouse at ${config.storage.url.host}`;
  // Scripts find the URL with /listening on (http:\/\/\S+)/: it must be followed by a space,
  // never directly by the JSON string's closing quote.
  logger.info(
    `ragtrace collector listening on ${collector.url} (${where}, database ${config.storage.database})`,
    {
      url: collector.url,
      storage: config.storage.kind,
      database: config.storage.database,
    },
  );

  const signal = await waitForStop(stopSignal);
  logger.info(`ragtrace collector: ${signal} received, flushing and stopping`, { signal });
  await collector.close();
  logger.info('ragtrace collector stopped');
  return 0;
}

function waitForStop(stopSignal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const stop = (name: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve(name);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    stopSignal?.addEventListener('abort', () => stop('stop request'), { once: true });
  });
}

import { runExporterLoad, type ExporterLoadOptions } from './exporter-load.js';
import { runLoad, type LoadOptions } from './load-generator.js';

/** What the load process is asked to run: raw OTLP requests, or the real OTel SDK and exporter. */
export type LoadProcessOptions =
  ({ kind: 'requests' } & LoadOptions) | ({ kind: 'exporter' } & ExporterLoadOptions);

/**
 * Entry point of the load process: options as JSON in argv[2], the summary as JSON on stdout.
 * A process of its own, so the load survives the collector being killed and does not share
 * an event loop with what it measures.
 */
const options = JSON.parse(process.argv[2] ?? '') as LoadProcessOptions;
const summary = options.kind === 'requests' ? await runLoad(options) : await runExporterLoad(options);
process.stdout.write(`${JSON.stringify(summary)}\n`);

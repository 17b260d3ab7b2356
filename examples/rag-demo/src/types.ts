import type { WireMessage } from './llm/wire-types.js';

export interface RetrievedPassage {
  readonly id: string;
  readonly text: string;
}

/** A versioned prompt: the version is what runs compare when the wording changes. */
export interface PromptTemplate {
  readonly name: string;
  readonly version: string;
  render(question: string, passages: readonly RetrievedPassage[]): WireMessage[];
}

/**
 * One way of running the RAG pipeline. Each configuration becomes a run of the demo experiment,
 * with these settings as the run's params; every span of its traces carries the run.
 */
export interface RagConfiguration {
  /** Stable, human-readable; also the run's name. */
  readonly name: string;
  readonly description: string;
  readonly retrieval: { readonly topK: number };
  readonly rerank: { readonly topN: number };
  readonly generation: { readonly model: string; readonly temperature: number; readonly maxTokens: number };
  readonly prompt: PromptTemplate;
}

export interface DemoOptions {
  /** Base OTLP/HTTP endpoint; defaults to OTEL_EXPORTER_OTLP_ENDPOINT, then http://localhost:4318. */
  endpoint?: string;
  /** Sent with every export and run record, e.g. `{ 'x-api-key': … }` for a collector that requires keys. */
  headers?: Record<string, string>;
  /** Progress lines, one per question and one per configuration. */
  log?: (line: string) => void;
}

export interface ConfigurationSummary {
  readonly name: string;
  readonly runId: string;
  /** One trace per question. */
  readonly traces: number;
  /** Spans the collector accepted. */
  readonly spansExported: number;
  /** Spans whose export failed (collector down, rejected, …). */
  readonly spansFailed: number;
}

export interface DemoSummary {
  readonly configurations: readonly ConfigurationSummary[];
}

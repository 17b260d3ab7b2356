import { createTraceExporter, setupTracing } from '@ragtrace/sdk';
import { DEMO_CONFIGURATIONS } from './configurations.js';
import { HALCYON_DOCS } from './corpus/halcyon-docs.js';
import { ChatCompletionsClient } from './llm/chat-completions-client.js';
import { startMockLlmServer } from './mock-llm/mock-llm-server.js';
import { answerQuestion } from './pipeline/answer-question.js';
import type { RagApp } from './pipeline/answer-question.js';
import { DEMO_QUESTIONS } from './questions.js';
import { KnowledgeBase } from './retrieval/knowledge-base.js';
import type { DemoRun } from './tracing/run-attributes.js';
import { SpanCountingExporter } from './tracing/span-counting-exporter.js';
import type { ConfigurationSummary, DemoOptions, DemoSummary } from './types.js';

const SERVICE_NAME = 'ragtrace-demo';
const KNOWLEDGE_BASE = 'halcyon-docs';

/** Unique per demo invocation, so running the demo twice yields new runs rather than merged ones. */
function runId(configurationName: string, startedAt: Date): string {
  return `${configurationName}-${startedAt.toISOString().replaceAll(/[-:.]/g, '')}`;
}

async function answerAll(app: RagApp, run: DemoRun, log: (line: string) => void): Promise<string[]> {
  const traceIds: string[] = [];
  for (const question of DEMO_QUESTIONS) {
    const answered = await answerQuestion(app, run, question);
    traceIds.push(answered.traceId);
    const details = [question.stream ? 'streamed' : '', answered.toolCalls > 0 ? 'tool call' : '']
      .filter((detail) => detail !== '')
      .join(', ');
    log(`  ${question.text}${details === '' ? '' : ` (${details})`}\n    → ${answered.answer}`);
  }
  return traceIds;
}

/**
 * Runs the demo RAG application over its questions once per configuration, each question a trace,
 * and exports the traces over OTLP/HTTP. Resolves once every span has been handed to the exporter
 * and the mock model server is closed; export failures are counted, not thrown.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  const exporter = new SpanCountingExporter(createTraceExporter({ endpoint: options.endpoint }));
  const tracing = setupTracing({ serviceName: SERVICE_NAME, exporter });
  const startedAt = new Date();
  const tracesByRun = new Map<DemoRun, string[]>();
  try {
    const llm = await startMockLlmServer();
    try {
      const app: RagApp = {
        knowledgeBase: new KnowledgeBase(KNOWLEDGE_BASE, HALCYON_DOCS),
        llm: new ChatCompletionsClient(llm.baseUrl),
      };
      for (const configuration of DEMO_CONFIGURATIONS) {
        const run: DemoRun = { id: runId(configuration.name, startedAt), configuration };
        log(`${configuration.name}: ${configuration.description}`);
        tracesByRun.set(run, await answerAll(app, run, log));
      }
    } finally {
      await llm.close();
    }
  } finally {
    await tracing.shutdown();
  }

  const configurations = [...tracesByRun].map(([run, traceIds]): ConfigurationSummary => {
    const { exported, failed } = exporter.countsFor(traceIds);
    return {
      name: run.configuration.name,
      runId: run.id,
      traces: traceIds.length,
      spansExported: exported,
      spansFailed: failed,
    };
  });
  for (const summary of configurations) {
    log(
      `${summary.name} (run ${summary.runId}): ${summary.traces} traces, ${summary.spansExported} spans exported`,
    );
    if (summary.spansFailed > 0) {
      log(
        `  ${summary.spansFailed} spans could not be exported; is a collector listening at the OTLP endpoint?`,
      );
    }
  }
  return { configurations };
}

import { createTraceExporter, setupTracing, startRun } from '@ragtrace/sdk';
import type { Run } from '@ragtrace/sdk';
import { DEMO_CONFIGURATIONS } from './configurations.js';
import { scoreAnswer } from './evaluation/score-answer.js';
import { HALCYON_DOCS } from './corpus/halcyon-docs.js';
import { ChatCompletionsClient } from './llm/chat-completions-client.js';
import { startMockLlmServer } from './mock-llm/mock-llm-server.js';
import { answerQuestion } from './pipeline/answer-question.js';
import type { AnsweredQuestion, RagApp } from './pipeline/answer-question.js';
import { DEMO_QUESTIONS } from './questions.js';
import { KnowledgeBase } from './retrieval/knowledge-base.js';
import { DEMO_DATASET, DEMO_EXPERIMENT, runParams } from './tracing/run-params.js';
import { SpanCountingExporter } from './tracing/span-counting-exporter.js';
import type { ConfigurationSummary, DemoOptions, DemoSummary, RagConfiguration } from './types.js';

const SERVICE_NAME = 'ragtrace-demo';
const KNOWLEDGE_BASE = 'halcyon-docs';

async function answerAll(
  app: RagApp,
  configuration: RagConfiguration,
  log: (line: string) => void,
): Promise<AnsweredQuestion[]> {
  const answered: AnsweredQuestion[] = [];
  for (const question of DEMO_QUESTIONS) {
    const answer = await answerQuestion(app, configuration, question);
    scoreAnswer(question, answer);
    answered.push(answer);
    const details = [question.stream ? 'streamed' : '', answer.toolCalls > 0 ? 'tool call' : '']
      .filter((detail) => detail !== '')
      .join(', ');
    log(`  ${question.text}${details === '' ? '' : ` (${details})`}\n    → ${answer.answer}`);
  }
  return answered;
}

/**
 * Answers every question under one configuration as one run of the demo experiment: each
 * question a trace, every span of it stamped with the run. The run ends `failed` if the
 * pipeline throws, so a broken configuration still shows up in `ragtrace runs list`.
 */
async function recordRun(
  app: RagApp,
  configuration: RagConfiguration,
  log: (line: string) => void,
): Promise<{ run: Run; answered: AnsweredQuestion[] }> {
  const run = startRun({
    experiment: DEMO_EXPERIMENT,
    name: configuration.name,
    params: runParams(configuration),
    tags: { description: configuration.description },
    dataset: DEMO_DATASET,
  });
  try {
    const answered = await run.within(() => answerAll(app, configuration, log));
    await run.end({ status: 'finished' });
    return { run, answered };
  } catch (error) {
    await run.end({ status: 'failed' });
    throw error;
  }
}

/**
 * Runs the demo RAG application over its questions once per configuration, each configuration
 * a run of one experiment, and exports the traces over OTLP/HTTP (the runs go to the same
 * collector). Resolves once every span has been handed to the exporter and the mock model
 * server is closed; export failures are counted, not thrown.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  const { endpoint, headers } = options;
  const exporter = new SpanCountingExporter(createTraceExporter({ endpoint, headers }));
  // The endpoint (and headers) also tell startRun where and how to send the run records.
  const tracing = setupTracing({ serviceName: SERVICE_NAME, exporter, endpoint, headers });
  const recorded: { run: Run; traceIds: string[] }[] = [];
  try {
    const llm = await startMockLlmServer();
    try {
      const app: RagApp = {
        knowledgeBase: new KnowledgeBase(KNOWLEDGE_BASE, HALCYON_DOCS),
        llm: new ChatCompletionsClient(llm.baseUrl),
      };
      for (const configuration of DEMO_CONFIGURATIONS) {
        log(`${configuration.name}: ${configuration.description}`);
        const { run, answered } = await recordRun(app, configuration, log);
        recorded.push({ run, traceIds: answered.map((answer) => answer.traceId) });
      }
    } finally {
      await llm.close();
    }
  } finally {
    await tracing.shutdown();
  }

  const configurations = recorded.map(({ run, traceIds }): ConfigurationSummary => {
    const { exported, failed } = exporter.countsFor(traceIds);
    return {
      name: run.name,
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

import { context, diag } from '@opentelemetry/api';
import type { ChatMessage, StageOverrides } from '@ragtrace/sdk';
import { beginAgent, beginGenerate, beginRetrieve, beginToolCall, beginWorkflow } from '@ragtrace/sdk';
import { ATTR_GEN_AI_TOOL_CALL_ID } from '@ragtrace/semconv';
import { chainStageOf } from './chain-stage.js';
import { chatMessageOf, contentText } from './chat-messages.js';
import { conversationIdOf } from './conversation-id.js';
import { generateOptionsOf } from './generate-options.js';
import type { ModelRunStart } from './generate-options.js';
import type {
  LangChainLLMResult,
  LangChainMessage,
  LangChainModelExtraParams,
  SerializedRunnable,
} from './internal-types.js';
import { recordModelResult } from './model-result.js';
import { retrievedDocumentsOf } from './retrieved-documents.js';
import { runNameOf } from './run-name.js';
import { RunSpans } from './run-spans.js';
import { TokenFeed } from './token-feed.js';
import type { RagtraceCallbackHandlerOptions } from './types.js';
import { PACKAGE_NAME } from './version.js';

/** How LangChain's callback managers tell this handler apart, so it is never added twice. */
export const RAGTRACE_HANDLER_NAME = 'ragtrace_callback_handler';

const logger = diag.createComponentLogger({ namespace: PACKAGE_NAME });

type ChainValues = Record<string, unknown>;

function isToolMessage(value: unknown): value is LangChainMessage & { readonly tool_call_id: string } {
  return typeof (value as LangChainMessage | undefined)?.tool_call_id === 'string';
}

/**
 * A LangChain callback handler that records runs as ragtrace stage spans: chat models and LLMs
 * as generate, retrievers as retrieve, tools as tool calls, the outermost chain as a workflow
 * and agent runs as agents. Pass it in `callbacks` yourself, or let `LangChainInstrumentation`
 * add it to every run.
 *
 * It is duck-typed rather than a subclass of `BaseCallbackHandler`, so one handler serves
 * whichever copy of @langchain/core (0.3 or 1.x) the app loaded: the callback managers of both
 * accept any object with a `name` and these methods. `awaitHandlers` makes LangChain call it in
 * line rather than from its background queue, so spans start and end when the runs do and a
 * root run sees the caller's active span.
 */
export class RagtraceCallbackHandler {
  readonly name = RAGTRACE_HANDLER_NAME;
  readonly awaitHandlers = true;
  readonly raiseError = false;
  private readonly runs = new RunSpans();
  private readonly options: RagtraceCallbackHandlerOptions;

  constructor(options: RagtraceCallbackHandlerOptions = {}) {
    this.options = options;
  }

  /** LangChain copies handlers when it derives child managers; open runs must stay in one registry. */
  copy(): this {
    return this;
  }

  handleChainStart(
    chain: SerializedRunnable,
    inputs: ChainValues,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    runName?: string,
  ): void {
    this.guard('starting a chain run', () => {
      const parent = this.runs.parentContext(parentRunId);
      const name = runNameOf(chain, runName);
      const stage = chainStageOf(name, !this.runs.isOpen(parentRunId));
      if (stage === 'none') {
        this.runs.open(runId, { kind: 'pass-through', context: parent });
        return;
      }
      const options = { name, input: inputs, conversationId: conversationIdOf(metadata) };
      const started = context.with(parent, () =>
        stage === 'agent' ? beginAgent(options, this.overrides()) : beginWorkflow(options, this.overrides()),
      );
      this.runs.open(runId, { kind: 'chain', context: started.context, stage: started });
    });
  }

  handleChainEnd(outputs: ChainValues, runId: string): void {
    this.guard('ending a chain run', () => {
      const entry = this.runs.close(runId);
      if (entry?.kind === 'chain') entry.stage.succeed(outputs);
    });
  }

  handleChainError(error: unknown, runId: string): void {
    this.guard('recording a chain error', () => {
      const entry = this.runs.close(runId);
      if (entry?.kind === 'chain') entry.stage.fail(error);
    });
  }

  handleChatModelStart(
    llm: SerializedRunnable,
    messages: readonly (readonly LangChainMessage[])[],
    runId: string,
    parentRunId?: string,
    extraParams?: LangChainModelExtraParams,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.guard('starting a chat model run', () =>
      this.startGenerate(runId, parentRunId, {
        operation: 'chat',
        serialized: llm,
        messages: messages.flat().map(chatMessageOf),
        extraParams,
        metadata,
        runName,
      }),
    );
  }

  handleLLMStart(
    llm: SerializedRunnable,
    prompts: readonly string[],
    runId: string,
    parentRunId?: string,
    extraParams?: LangChainModelExtraParams,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.guard('starting an LLM run', () =>
      this.startGenerate(runId, parentRunId, {
        operation: 'text_completion',
        serialized: llm,
        messages: prompts.map((prompt): ChatMessage => ({ role: 'user', content: prompt })),
        extraParams,
        metadata,
        runName,
      }),
    );
  }

  handleLLMNewToken(token: string, _index: unknown, runId: string): void {
    this.guard('recording a token', () => {
      const entry = this.runs.get(runId);
      if (entry?.kind !== 'generate') return;
      entry.feed ??= new TokenFeed(entry.stage);
      entry.feed.push(token);
    });
  }

  async handleLLMEnd(output: LangChainLLMResult, runId: string): Promise<void> {
    const entry = this.runs.close(runId);
    if (entry?.kind !== 'generate') return;
    this.guard('recording a model result', () => recordModelResult(entry.stage.span, output));
    if (entry.feed === undefined) entry.stage.succeed();
    else await entry.feed.complete();
  }

  async handleLLMError(error: unknown, runId: string): Promise<void> {
    const entry = this.runs.close(runId);
    if (entry?.kind !== 'generate') return;
    if (entry.feed === undefined) entry.stage.fail(error);
    else await entry.feed.fail(error);
  }

  handleRetrieverStart(
    retriever: SerializedRunnable,
    query: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    this.guard('starting a retriever run', () => {
      const parent = this.runs.parentContext(parentRunId);
      const started = context.with(parent, () =>
        beginRetrieve(
          { dataSource: runNameOf(retriever, name), query, conversationId: conversationIdOf(metadata) },
          this.overrides(),
        ),
      );
      this.runs.open(runId, { kind: 'retrieve', context: started.context, stage: started });
    });
  }

  handleRetrieverEnd(documents: unknown, runId: string): void {
    this.guard('recording retrieved documents', () => {
      const entry = this.runs.close(runId);
      if (entry?.kind !== 'retrieve') return;
      entry.stage.span.setDocuments(retrievedDocumentsOf(documents));
      entry.stage.succeed();
    });
  }

  handleRetrieverError(error: unknown, runId: string): void {
    this.guard('recording a retriever error', () => {
      const entry = this.runs.close(runId);
      if (entry?.kind === 'retrieve') entry.stage.fail(error);
    });
  }

  handleToolStart(
    tool: SerializedRunnable,
    input: string,
    runId: string,
    parentRunId?: string,
    _tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
    toolCallId?: string,
  ): void {
    this.guard('starting a tool run', () => {
      const parent = this.runs.parentContext(parentRunId);
      const started = context.with(parent, () =>
        beginToolCall(
          {
            name: runNameOf(tool, runName),
            callId: toolCallId,
            type: 'function',
            arguments: input,
            conversationId: conversationIdOf(metadata),
          },
          this.overrides(),
        ),
      );
      this.runs.open(runId, { kind: 'tool', context: started.context, stage: started });
    });
  }

  handleToolEnd(output: unknown, runId: string): void {
    this.guard('recording a tool result', () => {
      const entry = this.runs.close(runId);
      if (entry?.kind !== 'tool') return;
      if (!isToolMessage(output)) {
        entry.stage.succeed(output);
        return;
      }
      // 0.3 does not pass the call id to handleToolStart; the ToolMessage a tool call returns carries it.
      entry.stage.span.span.setAttribute(ATTR_GEN_AI_TOOL_CALL_ID, output.tool_call_id);
      entry.stage.succeed(contentText(output.content) ?? output.content);
    });
  }

  handleToolError(error: unknown, runId: string): void {
    this.guard('recording a tool error', () => {
      const entry = this.runs.close(runId);
      if (entry?.kind === 'tool') entry.stage.fail(error);
    });
  }

  private startGenerate(runId: string, parentRunId: string | undefined, run: ModelRunStart): void {
    const parent = this.runs.parentContext(parentRunId);
    const started = context.with(parent, () => beginGenerate(generateOptionsOf(run), this.overrides()));
    this.runs.open(runId, { kind: 'generate', context: started.context, stage: started });
  }

  /**
   * `frameworkRun`: these spans are the LangChain runs themselves. A model run's callbacks fire
   * inside the context LangChainInstrumentation marks "generate recorded above" (so provider
   * instrumentations under the model stand aside), and for a root run that context is also the
   * parent this handler begins in. Saying so explicitly, rather than stripping the marker from
   * the parent, keeps the handler's spans independent of which context it happens to begin in.
   */
  private overrides(): StageOverrides {
    return { captureContent: this.options.captureContent, frameworkRun: true };
  }

  private guard(activity: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      logger.error(`${activity} failed`, error);
    }
  }
}

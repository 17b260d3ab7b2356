import { context } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type {
  AgentSpan,
  GenerateSpan,
  RetrieveSpan,
  StartedStage,
  ToolCallSpan,
  WorkflowSpan,
} from '@ragtrace/sdk';
import { abandonStage } from './abandon-stage.js';
import type { TokenFeed } from './token-feed.js';

/**
 * LangChain never ends a run whose stream the consumer stopped reading early, so open runs are
 * capped: past the cap the oldest is ended as abandoned, and memory stays bounded.
 */
const DEFAULT_MAX_OPEN_RUNS = 10_000;

/** What a LangChain run became; `context` is where its child runs' spans nest. */
export type RunEntry =
  | { readonly kind: 'pass-through'; readonly context: Context }
  | {
      readonly kind: 'chain';
      readonly context: Context;
      readonly stage: StartedStage<WorkflowSpan | AgentSpan>;
    }
  | {
      readonly kind: 'generate';
      readonly context: Context;
      readonly stage: StartedStage<GenerateSpan>;
      feed?: TokenFeed;
    }
  | { readonly kind: 'retrieve'; readonly context: Context; readonly stage: StartedStage<RetrieveSpan> }
  | { readonly kind: 'tool'; readonly context: Context; readonly stage: StartedStage<ToolCallSpan> };

/**
 * Open runs by LangChain run id. Runs nest by `parentRunId`, not by async context: LangChain
 * runs branches of a graph or a batch concurrently in one async context, and only the run ids
 * say which run belongs to which.
 */
export class RunSpans {
  private readonly runs = new Map<string, RunEntry>();
  private readonly maxOpenRuns: number;

  constructor(maxOpenRuns = DEFAULT_MAX_OPEN_RUNS) {
    this.maxOpenRuns = maxOpenRuns;
  }

  /** The parent run's context, or for a root run (or a parent we never saw) the caller's active context. */
  parentContext(parentRunId: string | undefined): Context {
    const parent = parentRunId === undefined ? undefined : this.runs.get(parentRunId);
    return parent?.context ?? context.active();
  }

  isOpen(runId: string | undefined): boolean {
    return runId !== undefined && this.runs.has(runId);
  }

  open(runId: string, entry: RunEntry): void {
    this.runs.set(runId, entry);
    for (const [oldestId, oldest] of this.runs) {
      if (this.runs.size <= this.maxOpenRuns) break;
      this.runs.delete(oldestId);
      abandonRun(oldest);
    }
  }

  get(runId: string): RunEntry | undefined {
    return this.runs.get(runId);
  }

  /** Removes and returns the run: each run ends once. */
  close(runId: string): RunEntry | undefined {
    const entry = this.runs.get(runId);
    this.runs.delete(runId);
    return entry;
  }
}

function abandonRun(entry: RunEntry): void {
  if (entry.kind === 'pass-through') return;
  if (entry.kind === 'generate' && entry.feed !== undefined) entry.feed.abandon();
  else abandonStage(entry.stage);
}

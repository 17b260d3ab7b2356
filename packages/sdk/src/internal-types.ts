import type { Attributes, SpanKind } from '@opentelemetry/api';
import type { RagStage } from '@ragtrace/semconv';
import type {
  AgentSpan,
  ContentKind,
  EmbedSpan,
  GenerateSpan,
  RedactHook,
  RerankSpan,
  RetrieveSpan,
  ScoredDocument,
  ToolCallSpan,
  WorkflowSpan,
} from './types.js';

/** Content capture as resolved at setup (or from the environment when setup wasn't called). */
export interface ContentSettings {
  readonly capture: boolean;
  readonly redact?: RedactHook;
}

/** Content that is serialized only if capture is on, so disabled capture costs nothing. */
export interface PendingContent {
  readonly attribute: string;
  readonly kind: ContentKind;
  readonly serialize: () => string | undefined;
}

export interface OutputContentRule {
  readonly attribute: string;
  readonly serialize: (output: unknown, finishReasons: readonly string[] | undefined) => string | undefined;
}

/** Where a stage records the documents it returns. */
export interface DocumentAttributeKeys {
  readonly ids: string;
  readonly scores: string;
  /** Attribute for the documents' text, which is content. */
  readonly content: string;
  readonly count?: string;
}

/** Everything the shared stage core needs to know about one helper call. */
export interface StageDefinition {
  readonly stage: RagStage;
  readonly spanName: string;
  readonly kind: SpanKind;
  /** Known before the call; set at span start so samplers see them. Only known values (see `stageAttributes`). */
  readonly attributes: Attributes;
  readonly inputContent: readonly PendingContent[];
  readonly output?: OutputContentRule;
  readonly documents?: DocumentAttributeKeys;
  /** Tools, agents and workflows: the return value is the output unless `setOutput` was called. */
  readonly returnValueIsOutput?: boolean;
  readonly extractDocuments?: (result: unknown) => readonly ScoredDocument[];
  readonly onChunk?: (chunk: unknown, span: StageSpanImpl) => void;
}

/** The one handle implementation; each helper hands `fn` a narrower public view of it. */
export type StageSpanImpl = GenerateSpan &
  EmbedSpan &
  RetrieveSpan &
  RerankSpan &
  ToolCallSpan &
  AgentSpan &
  WorkflowSpan;

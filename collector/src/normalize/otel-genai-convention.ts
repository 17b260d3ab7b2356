import {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_DEPRECATED_ATTRIBUTES as DEPRECATED,
  type RagStage,
} from '@ragtrace/semconv';
import type { SpanRow } from '../storage/span-row.js';
import { addMissing, copyMissing, type KeyMapping } from './attribute-writes.js';
import { messagesFromRoleContentList, serializeMessages } from './genai-messages.js';
import { parseJson } from './json-values.js';
import { canonicalProviderName } from './provider-name.js';
import { eventAttribute } from './span-events.js';
import { stageOfOperation } from './stage-rule.js';

/** Attributes the GenAI conventions renamed, and their current names. */
const RENAMED: KeyMapping = [
  [DEPRECATED.usagePromptTokens, ATTR_GEN_AI_USAGE_INPUT_TOKENS],
  [DEPRECATED.usageCompletionTokens, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS],
  [DEPRECATED.openaiRequestSeed, ATTR_GEN_AI_REQUEST_SEED],
];

/**
 * Brings the older forms of the OpenTelemetry GenAI conventions up to the current one:
 * renamed attributes, `gen_ai.system` values, and prompts/completions that were recorded as a
 * `gen_ai.prompt`/`gen_ai.completion` attribute or span event. Other conventions' spans often
 * carry these keys too (the Vercel AI SDK and OpenLLMetry emit `gen_ai.system`), so their
 * mappers apply this as well.
 */
export function mapDeprecatedGenAi(row: SpanRow): void {
  const attributes = row.SpanAttributes;
  copyMissing(attributes, RENAMED);
  const system = attributes[DEPRECATED.system];
  if (system !== undefined) addMissing(attributes, ATTR_GEN_AI_PROVIDER_NAME, canonicalProviderName(system));
  if (attributes[ATTR_GEN_AI_INPUT_MESSAGES] === undefined) {
    const prompt =
      attributes[DEPRECATED.prompt] ?? eventAttribute(row, DEPRECATED.contentPromptEvent, DEPRECATED.prompt);
    addMissing(attributes, ATTR_GEN_AI_INPUT_MESSAGES, legacyMessages(prompt));
  }
  if (attributes[ATTR_GEN_AI_OUTPUT_MESSAGES] === undefined) {
    const completion =
      attributes[DEPRECATED.completion] ??
      eventAttribute(row, DEPRECATED.contentCompletionEvent, DEPRECATED.completion);
    addMissing(attributes, ATTR_GEN_AI_OUTPUT_MESSAGES, legacyMessages(completion));
  }
}

function legacyMessages(text: string | undefined): string | undefined {
  return text === undefined ? undefined : serializeMessages(messagesFromRoleContentList(parseJson(text)));
}

/** OpenTelemetry GenAI spans: the stage follows from `gen_ai.operation.name`. */
export function mapOtelGenAi(row: SpanRow): RagStage | undefined {
  mapDeprecatedGenAi(row);
  return stageOfOperation(row.SpanAttributes[ATTR_GEN_AI_OPERATION_NAME]);
}

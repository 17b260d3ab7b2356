import { ATTR_RAGTRACE_INPUT_CONTENT, ATTR_RAGTRACE_OUTPUT_CONTENT } from '@ragtrace/semconv';
import { serializeContent } from '../content/serialize-content.js';
import type { StageDefinition } from '../internal-types.js';

/**
 * Content of stages the GenAI conventions give no content keys (agents, workflows): the input as
 * given, and the return value as output.
 */
export function freeFormContent(
  input: unknown,
): Pick<StageDefinition, 'inputContent' | 'output' | 'returnValueIsOutput'> {
  return {
    inputContent: [
      { attribute: ATTR_RAGTRACE_INPUT_CONTENT, kind: 'input', serialize: () => serializeContent(input) },
    ],
    output: { attribute: ATTR_RAGTRACE_OUTPUT_CONTENT, serialize: serializeContent },
    returnValueIsOutput: true,
  };
}

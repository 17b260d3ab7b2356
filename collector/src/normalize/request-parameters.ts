import {
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
} from '@ragtrace/semconv';
import { addMissing, type Attributes } from './attribute-writes.js';
import { jsonArrayText, scalarText } from './json-values.js';

/**
 * Request fields in the OpenAI-style names that OpenInference's `llm.invocation_parameters` and
 * MLflow's span inputs carry, and the canonical key each one fills. The first name found wins.
 */
const PARAMETER_KEYS: readonly (readonly [field: string, canonical: string])[] = [
  ['model', ATTR_GEN_AI_REQUEST_MODEL],
  ['temperature', ATTR_GEN_AI_REQUEST_TEMPERATURE],
  ['top_p', ATTR_GEN_AI_REQUEST_TOP_P],
  ['top_k', ATTR_GEN_AI_REQUEST_TOP_K],
  ['max_tokens', ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  ['max_completion_tokens', ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  ['max_output_tokens', ATTR_GEN_AI_REQUEST_MAX_TOKENS],
  ['frequency_penalty', ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY],
  ['presence_penalty', ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY],
  ['seed', ATTR_GEN_AI_REQUEST_SEED],
];

/** Fills `gen_ai.request.*` from a request object of OpenAI-style parameters. */
export function addRequestParameters(attributes: Attributes, parameters: Record<string, unknown>): void {
  for (const [field, canonical] of PARAMETER_KEYS)
    addMissing(attributes, canonical, scalarText(parameters[field]));
  const stop = parameters['stop'];
  const sequences = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter(isString) : [];
  addMissing(attributes, ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, jsonArrayText(sequences));
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

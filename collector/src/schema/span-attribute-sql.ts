import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_RAGTRACE_STAGE,
  OPERATION_STAGES,
  RAG_STAGE,
} from '@ragtrace/semconv';
import { sqlStringLiteral } from '../storage/sql-text.js';

/** `SpanAttributes['key']` for a canonical key, as the materialized views over otel_traces read it. */
export const spanAttributeSql = (key: string): string => `SpanAttributes[${sqlStringLiteral(key)}]`;

const stringArray = (values: readonly string[]) => `[${values.map(sqlStringLiteral).join(', ')}]`;

/**
 * The stage: `ragtrace.stage` when it names a known stage (the normalizer always sets it),
 * otherwise derived from `gen_ai.operation.name`, so spans another writer put into otel_traces
 * with plain OTel GenAI attributes get a stage too.
 */
export function stageSql(): string {
  const stage = spanAttributeSql(ATTR_RAGTRACE_STAGE);
  const operations = [...OPERATION_STAGES.keys()];
  return `if(${stage} IN ${stringArray(Object.values(RAG_STAGE))},
        ${stage},
        transform(${spanAttributeSql(ATTR_GEN_AI_OPERATION_NAME)}, ${stringArray(operations)}, ${stringArray([...OPERATION_STAGES.values()])}, ${sqlStringLiteral(RAG_STAGE.other)}))`;
}

/** CohereInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'cohere';

/** OpenAIInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'openai';

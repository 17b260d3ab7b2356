/** AnthropicInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'anthropic';

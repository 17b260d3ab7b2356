/** `gen_ai.provider.name` for every span this package makes (the GenAI conventions' value for OpenAI). */
export const PROVIDER_NAME = 'openai';

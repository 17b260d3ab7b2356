/** LangChainInstrumentation: placeholder until the instrumentation lands. */
export const PLACEHOLDER = 'langchain';

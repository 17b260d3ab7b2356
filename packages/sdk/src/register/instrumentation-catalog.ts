/** One instrumentation `@ragtrace/sdk/register` can enable: where it lives and what it patches. */
export interface CatalogEntry {
  /** The name `RAGTRACE_INSTRUMENTATIONS` selects it by. */
  readonly name: string;
  /** The instrumentation package, a dependency of this SDK. */
  readonly instrumentationPackage: string;
  /** The class the instrumentation package exports. */
  readonly exportName: string;
  /** The library it patches; the instrumentation is only enabled where the app can load it. */
  readonly library: string;
}

/**
 * Every instrumentation the register entry knows. The package names are plain strings on purpose:
 * this SDK is compiled before the instrumentation packages (they depend on it), so it may only
 * load them at run time, never through an import TypeScript would resolve.
 */
export const INSTRUMENTATION_CATALOG: readonly CatalogEntry[] = [
  {
    name: 'openai',
    instrumentationPackage: '@ragtrace/instrumentation-openai',
    exportName: 'OpenAIInstrumentation',
    library: 'openai',
  },
  {
    name: 'anthropic',
    instrumentationPackage: '@ragtrace/instrumentation-anthropic',
    exportName: 'AnthropicInstrumentation',
    library: '@anthropic-ai/sdk',
  },
  {
    name: 'cohere',
    instrumentationPackage: '@ragtrace/instrumentation-cohere',
    exportName: 'CohereInstrumentation',
    library: 'cohere-ai',
  },
  {
    name: 'langchain',
    instrumentationPackage: '@ragtrace/instrumentation-langchain',
    exportName: 'LangChainInstrumentation',
    library: '@langchain/core',
  },
  {
    name: 'qdrant',
    instrumentationPackage: '@ragtrace/instrumentation-qdrant',
    exportName: 'QdrantInstrumentation',
    library: '@qdrant/js-client-rest',
  },
  {
    name: 'chromadb',
    instrumentationPackage: '@ragtrace/instrumentation-chromadb',
    exportName: 'ChromaInstrumentation',
    library: 'chromadb',
  },
  {
    name: 'pinecone',
    instrumentationPackage: '@ragtrace/instrumentation-pinecone',
    exportName: 'PineconeInstrumentation',
    library: '@pinecone-database/pinecone',
  },
];

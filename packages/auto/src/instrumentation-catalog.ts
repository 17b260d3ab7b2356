import type * as openai from '@ragtrace/instrumentation-openai';
import type * as anthropic from '@ragtrace/instrumentation-anthropic';
import type * as cohere from '@ragtrace/instrumentation-cohere';
import type * as langchain from '@ragtrace/instrumentation-langchain';
import type * as qdrant from '@ragtrace/instrumentation-qdrant';
import type * as chromadb from '@ragtrace/instrumentation-chromadb';
import type * as pinecone from '@ragtrace/instrumentation-pinecone';

/** One instrumentation `@ragtrace/auto/register` can enable: where it lives and what it patches. */
export interface CatalogEntry {
  /** The name `RAGTRACE_INSTRUMENTATIONS` selects it by. */
  readonly name: string;
  /** The instrumentation package, a dependency of this package. */
  readonly instrumentationPackage: string;
  /** The class the instrumentation package exports. */
  readonly exportName: string;
  /** The library it patches; the instrumentation is only enabled where the app can load it. */
  readonly library: string;
}

/**
 * Every instrumentation the register entry knows. Each package is loaded only when the app has its
 * library (load-installed-instrumentations.ts), so its name is a string here; `satisfies` still
 * has the compiler check that the package exports the class named.
 */
export const INSTRUMENTATION_CATALOG: readonly CatalogEntry[] = [
  {
    name: 'openai',
    instrumentationPackage: '@ragtrace/instrumentation-openai',
    exportName: 'OpenAIInstrumentation' satisfies keyof typeof openai,
    library: 'openai',
  },
  {
    name: 'anthropic',
    instrumentationPackage: '@ragtrace/instrumentation-anthropic',
    exportName: 'AnthropicInstrumentation' satisfies keyof typeof anthropic,
    library: '@anthropic-ai/sdk',
  },
  {
    name: 'cohere',
    instrumentationPackage: '@ragtrace/instrumentation-cohere',
    exportName: 'CohereInstrumentation' satisfies keyof typeof cohere,
    library: 'cohere-ai',
  },
  {
    name: 'langchain',
    instrumentationPackage: '@ragtrace/instrumentation-langchain',
    exportName: 'LangChainInstrumentation' satisfies keyof typeof langchain,
    library: '@langchain/core',
  },
  {
    name: 'qdrant',
    instrumentationPackage: '@ragtrace/instrumentation-qdrant',
    exportName: 'QdrantInstrumentation' satisfies keyof typeof qdrant,
    library: '@qdrant/js-client-rest',
  },
  {
    name: 'chromadb',
    instrumentationPackage: '@ragtrace/instrumentation-chromadb',
    exportName: 'ChromaInstrumentation' satisfies keyof typeof chromadb,
    library: 'chromadb',
  },
  {
    name: 'pinecone',
    instrumentationPackage: '@ragtrace/instrumentation-pinecone',
    exportName: 'PineconeInstrumentation' satisfies keyof typeof pinecone,
    library: '@pinecone-database/pinecone',
  },
];

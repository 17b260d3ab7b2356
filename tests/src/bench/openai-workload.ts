import type OpenAI from 'openai';

/** Calls per workload iteration: a chat completion, a streamed one (usage included), an embedding. */
export const CALLS_PER_ITERATION = 3;

const MESSAGES = [
  { role: 'system' as const, content: 'Answer from the retrieved context only.' },
  { role: 'user' as const, content: 'Which stage of a RAG pipeline reranks the retrieved documents?' },
];

/** The same openai workload for every variant, one call at a time. */
export async function runOpenAIWorkload(client: OpenAI, iterations: number): Promise<void> {
  for (let iteration = 0; iteration < iterations; iteration++) {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, temperature: 0.2 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      temperature: 0.2,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream);
    await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['reranking reorders retrieved documents', 'by relevance to the question'],
    });
  }
}

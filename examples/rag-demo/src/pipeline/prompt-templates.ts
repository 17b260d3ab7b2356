import type { PromptTemplate, RetrievedPassage } from '../types.js';

const PROMPT_NAME = 'rag-answer';

function passageLines(passages: readonly RetrievedPassage[]): string {
  return passages.map((passage) => `[${passage.id}] ${passage.text}`).join('\n');
}

export const RAG_ANSWER_V1: PromptTemplate = {
  name: PROMPT_NAME,
  version: 'v1',
  render: (question, passages) => [
    {
      role: 'system',
      content:
        'You are the Halcyon thermostat support assistant. Answer using only the passages below; ' +
        `if they do not contain the answer, say you don't know.\n\nPassages:\n${passageLines(passages)}`,
    },
    { role: 'user', content: question },
  ],
};

/** v2 asks for shorter answers that cite the passages they use. */
export const RAG_ANSWER_V2: PromptTemplate = {
  name: PROMPT_NAME,
  version: 'v2',
  render: (question, passages) => [
    {
      role: 'system',
      content:
        'You are the Halcyon thermostat support assistant. Answer in at most two sentences, using only ' +
        'the passages below, and cite the id of each passage you use in square brackets.\n\n' +
        `Passages:\n${passageLines(passages)}`,
    },
    { role: 'user', content: question },
  ],
};

import { score } from '@ragtrace/sdk';
import type { AnsweredQuestion } from '../pipeline/answer-question.js';
import type { DemoQuestion } from '../questions.js';
import { contentTerms } from '../text/terms.js';

/** Phrases the demo's model uses when it cannot answer from its context or tools. */
const DECLINING = /couldn't find|could not find|don't know|not sure/i;

/**
 * Two code evaluators, the kind a team runs over every answer of an evaluation pass: how much
 * of the question the answer addresses, and whether it answered at all. Scores attach to the
 * question's trace and, called inside a run, to that run.
 */
export function scoreAnswer(question: DemoQuestion, answered: AnsweredQuestion): void {
  const asked = new Set(contentTerms(question.text));
  const said = new Set(contentTerms(answered.answer));
  const covered = [...asked].filter((term) => said.has(term)).length;
  score({
    name: 'answer_relevance',
    value: asked.size === 0 ? 0 : covered / asked.size,
    source: 'code',
    explanation: `${covered} of ${asked.size} question terms appear in the answer`,
    trace: { traceId: answered.traceId },
  });
  const declined = DECLINING.test(answered.answer);
  score({
    name: 'answer_status',
    label: declined ? 'declined' : 'answered',
    source: 'code',
    explanation: declined
      ? 'the answer says it could not find the information'
      : 'the answer gives information',
    trace: { traceId: answered.traceId },
  });
}

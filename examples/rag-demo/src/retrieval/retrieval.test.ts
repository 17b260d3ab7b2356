import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HALCYON_DOCS } from '../corpus/halcyon-docs.js';
import { EMBEDDING_DIMENSIONS, embedText } from './hashed-embedding.js';
import { KnowledgeBase } from './knowledge-base.js';
import { rerankByTermOverlap } from './term-overlap-reranker.js';

describe('hashed embedding', () => {
  it('is deterministic, 64-dimensional and unit length', () => {
    const vector = embedText('How do I reset the thermostat?');

    assert.equal(vector.length, EMBEDDING_DIMENSIONS);
    assert.deepEqual(embedText('How do I reset the thermostat?'), vector);
    assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-9);
  });

  it('is all zeros for text without content words', () => {
    assert.ok(embedText('the of and').every((value) => value === 0));
  });
});

describe('knowledge base search', () => {
  const knowledgeBase = new KnowledgeBase('halcyon-docs', HALCYON_DOCS);

  it('finds the passage about the topic asked for, best first', () => {
    const hits = knowledgeBase.search(embedText('What does error code E2 mean for my Wi-Fi password?'), 3);

    assert.equal(hits.length, 3);
    assert.equal(hits[0]?.id, 'error-e2');
    assert.ok(hits[0]!.score >= hits[1]!.score && hits[1]!.score >= hits[2]!.score);
  });
});

describe('term-overlap reranker', () => {
  it('orders by the share of query terms a passage contains and keeps the top N', () => {
    const ranked = rerankByTermOverlap(
      'factory reset dial',
      [
        { id: 'a', text: 'The dial glows blue.' },
        { id: 'b', text: 'A factory reset needs the dial held down.' },
        { id: 'c', text: 'Unrelated text.' },
      ],
      2,
    );

    assert.deepEqual(
      ranked.map((passage) => [passage.id, passage.score]),
      [
        ['b', 1],
        ['a', 1 / 3],
      ],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INSTRUMENTATION_CATALOG } from './instrumentation-catalog.js';
import { describeUnknownNames, selectInstrumentations } from './select-instrumentations.js';

const names = (value: string | undefined): string[] =>
  selectInstrumentations(value, INSTRUMENTATION_CATALOG).entries.map((entry) => entry.name);

describe('RAGTRACE_INSTRUMENTATIONS', () => {
  it('selects the whole catalog when unset or blank', () => {
    const all = INSTRUMENTATION_CATALOG.map((entry) => entry.name);
    assert.deepEqual(names(undefined), all);
    assert.deepEqual(names(' , '), all);
    assert.deepEqual(all, ['openai', 'anthropic', 'cohere', 'langchain', 'qdrant', 'chromadb', 'pinecone']);
  });

  it('selects a subset by name, in any case and spacing', () => {
    assert.deepEqual(names('openai,anthropic'), ['openai', 'anthropic']);
    assert.deepEqual(names(' Pinecone , OPENAI,'), ['openai', 'pinecone']);
  });

  it('selects nothing for none', () => {
    assert.deepEqual(names('none'), []);
    assert.deepEqual(names(' NONE '), []);
  });

  it('keeps the known names and returns the unknown ones as written', () => {
    const selection = selectInstrumentations('openai, OpenAl,none', INSTRUMENTATION_CATALOG);
    assert.deepEqual(
      selection.entries.map((entry) => entry.name),
      ['openai'],
    );
    assert.deepEqual(selection.unknownNames, ['OpenAl', 'none']);
  });

  it('names the variable, the value, the unknown names and every accepted name in its warning', () => {
    const message = describeUnknownNames('openai,chroma', ['chroma'], INSTRUMENTATION_CATALOG);
    assert.match(message, /^RAGTRACE_INSTRUMENTATIONS='openai,chroma': unknown name 'chroma' ignored/);
    for (const entry of INSTRUMENTATION_CATALOG) assert.ok(message.includes(`'${entry.name}'`), entry.name);
    assert.ok(message.includes("'none'"));
  });
});

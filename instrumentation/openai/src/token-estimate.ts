/** OpenAI's own rule of thumb for English text; good enough to rank and sum calls, not to bill them. */
const CHARACTERS_PER_TOKEN = 4;

/** An estimated token count, for when the provider reports none (spans mark it `ragtrace.usage.estimated`). */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

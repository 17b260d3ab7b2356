/**
 * Provider names as the conventions spell them, each mapped to the `gen_ai.provider.name` value
 * the OpenTelemetry GenAI registry defines for it. Keys are lower case.
 */
const PROVIDER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'],
  ['anthropic', 'anthropic'],
  ['cohere', 'cohere'],
  ['mistral_ai', 'mistral_ai'],
  ['mistralai', 'mistral_ai'], // OpenInference
  ['mistral', 'mistral_ai'], // Vercel AI SDK, OpenLLMetry
  ['aws.bedrock', 'aws.bedrock'],
  ['bedrock', 'aws.bedrock'],
  ['amazon-bedrock', 'aws.bedrock'],
  ['aws', 'aws.bedrock'], // OpenInference names the cloud
  ['amazon', 'aws.bedrock'],
  ['azure.ai.openai', 'azure.ai.openai'],
  ['az.ai.openai', 'azure.ai.openai'], // deprecated gen_ai.system value
  ['azure', 'azure.ai.openai'],
  ['azure.ai.inference', 'azure.ai.inference'],
  ['az.ai.inference', 'azure.ai.inference'], // deprecated gen_ai.system value
  ['gcp.gen_ai', 'gcp.gen_ai'],
  ['google', 'gcp.gen_ai'], // "any Google generative AI endpoint"
  ['gcp.gemini', 'gcp.gemini'],
  ['gemini', 'gcp.gemini'], // deprecated gen_ai.system value
  ['google.generative-ai', 'gcp.gemini'], // Vercel AI SDK's Gemini API provider
  ['gcp.vertex_ai', 'gcp.vertex_ai'],
  ['vertex_ai', 'gcp.vertex_ai'], // deprecated gen_ai.system value
  ['vertexai', 'gcp.vertex_ai'], // OpenInference, OpenLLMetry
  ['google.vertex', 'gcp.vertex_ai'], // Vercel AI SDK
  ['ibm.watsonx.ai', 'ibm.watsonx.ai'],
  ['watsonx', 'ibm.watsonx.ai'],
  ['x_ai', 'x_ai'],
  ['xai', 'x_ai'], // deprecated gen_ai.system value
  ['deepseek', 'deepseek'],
  ['groq', 'groq'],
  ['perplexity', 'perplexity'],
]);

/**
 * The registry's provider name for a convention's provider string. The Vercel AI SDK names a
 * provider `{provider}.{api}` (`openai.chat`, `google.vertex.chat`), so dotted names fall back
 * to ever shorter leading parts; a name nothing matches is kept, lower-cased.
 */
export function canonicalProviderName(raw: string): string {
  const name = raw.toLowerCase();
  const exact = PROVIDER_ALIASES.get(name);
  if (exact !== undefined) return exact;
  for (let end = name.lastIndexOf('.'); end > 0; end = name.lastIndexOf('.', end - 1)) {
    const alias = PROVIDER_ALIASES.get(name.slice(0, end));
    if (alias !== undefined) return alias;
  }
  return name;
}

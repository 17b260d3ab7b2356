/** Agent runtimes name their runs so: `AgentExecutor` (0.3), `createAgent`/LangGraph agents (`agent`, `*Agent`). */
const AGENT_RUN_NAME = /agent/i;

export type ChainStage = 'agent' | 'workflow' | 'none';

/**
 * Which stage a chain run is. An agent is an agent at any depth (a sub-agent under a graph);
 * the outermost chain is the workflow; the chains inside it (sequences, prompt templates,
 * parsers, lambdas) are plumbing and get no span, their model, retriever and tool runs nesting
 * under the nearest span instead.
 */
export function chainStageOf(runName: string, isRoot: boolean): ChainStage {
  if (AGENT_RUN_NAME.test(runName)) return 'agent';
  return isRoot ? 'workflow' : 'none';
}

import type { DashboardSpec } from '../builder/dashboard-spec.js';
import { llmUsageCost } from './llm-usage-cost.js';
import { ragOverview } from './rag-overview.js';
import { retrievalQuality } from './retrieval-quality.js';
import { runsEvaluation } from './runs-evaluation.js';
import { traceExplorer } from './trace-explorer.js';

/** Every dashboard, in the order the README lists them. */
export const ALL_DASHBOARDS: readonly DashboardSpec[] = [
  ragOverview,
  llmUsageCost,
  runsEvaluation,
  retrievalQuality,
  traceExplorer,
];

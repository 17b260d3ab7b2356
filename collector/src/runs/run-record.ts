/** Lifecycle states of a run, as MLflow names them (lower-cased). */
export const RUN_STATUSES = ['running', 'finished', 'failed', 'killed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** How a run may end. */
export const RUN_END_STATUSES = ['finished', 'failed', 'killed'] as const;
export type RunEndStatus = (typeof RUN_END_STATUSES)[number];

export interface RunDataset {
  name: string;
  version: string;
}

/** One run as the JSON API shows it (and as `POST /api/runs` accepts it). */
export interface RunRecord {
  id: string;
  experiment: string;
  name: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  dataset: RunDataset | null;
  gitCommit: string;
  serviceName: string;
  /** ISO-8601, millisecond precision. */
  startTime: string;
  endTime: string | null;
  status: RunStatus;
}

import { NotFoundError } from '../errors/request-errors.js';
import type { Storage } from '../storage/storage.js';
import { EMPTY_TOTALS, type RunTotals, type ScoreMean, type StageMetrics } from './run-metrics.js';
import type { RunRecord } from './run-record.js';
import type { RunListPage, RunListQuery, RunStore } from './run-store.js';
import { queryRunTotals, queryScoreMeans, queryStageMetrics } from './query-run-metrics.js';

/** A run in a list: its record, its totals and its score means. */
export interface RunSummary extends RunRecord {
  totals: RunTotals;
  scores: ScoreMean[];
}

/** One run in full: record, totals, per-stage metrics and score means. */
export interface RunDetails {
  run: RunRecord;
  totals: RunTotals;
  stages: StageMetrics[];
  scores: ScoreMean[];
}

export interface RunSummaryPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

/** A page of runs with their aggregates, two queries for the whole page rather than two per run. */
export async function listRunSummaries(
  storage: Storage,
  store: RunStore,
  query: RunListQuery,
): Promise<RunSummaryPage> {
  const page: RunListPage = await store.list(query);
  const ids = page.runs.map((run) => run.id);
  const [totals, scores] = await Promise.all([queryRunTotals(storage, ids), queryScoreMeans(storage, ids)]);
  return {
    runs: page.runs.map((run) => ({
      ...run,
      totals: totals.get(run.id) ?? EMPTY_TOTALS,
      scores: scores.get(run.id) ?? [],
    })),
    nextCursor: page.nextCursor,
  };
}

/** Details of each run, in the order asked; NotFoundError names the first unknown id. */
export async function loadRunDetails(
  storage: Storage,
  store: RunStore,
  ids: readonly string[],
): Promise<RunDetails[]> {
  const records = await Promise.all(ids.map((id) => store.get(id)));
  const runs = records.map((record, index) => {
    if (!record) throw new NotFoundError(`no run with id ${ids[index]}`);
    return record;
  });
  const [totals, stages, scores] = await Promise.all([
    queryRunTotals(storage, ids),
    queryStageMetrics(storage, ids),
    queryScoreMeans(storage, ids),
  ]);
  return runs.map((run) => ({
    run,
    totals: totals.get(run.id) ?? EMPTY_TOTALS,
    stages: stages.get(run.id) ?? [],
    scores: scores.get(run.id) ?? [],
  }));
}

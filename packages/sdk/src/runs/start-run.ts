import { context } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { guarded } from '../diag-guard.js';
import type { Run, RunEndStatus, StartRunOptions } from '../types.js';
import { deliverRunRecord } from './deliver-run-record.js';
import { gitCommit } from './git-commit.js';
import { contextWithRun, type RunIdentity } from './run-context.js';
import { currentRunDestination } from './run-destination.js';

/**
 * Starts a run of an experiment: records it with the collector (`POST /api/runs`, idempotent by
 * id) and returns the handle whose `within` makes spans carry the run and whose `end` records
 * the outcome (`POST /api/runs/:id/end`). Never throws or rejects into the application.
 */
export function startRun(options: StartRunOptions): Run {
  const identity: RunIdentity = {
    id: randomUUID(),
    experiment: options.experiment,
    name: options.name ?? '',
  };
  const startTime = new Date().toISOString();
  const destination = guarded('resolving where to send runs', currentRunDestination);

  const send = (url: URL, document: object, activity: string): Promise<boolean> =>
    destination === undefined
      ? Promise.resolve(false)
      : deliverRunRecord(url, destination.headers, document, `${activity} of run ${identity.id}`);
  const sendStart = async (): Promise<boolean> =>
    destination !== undefined &&
    send(
      destination.runsUrl,
      {
        id: identity.id,
        experiment: identity.experiment,
        name: identity.name,
        params: Object.fromEntries(
          Object.entries(options.params ?? {}).map(([key, value]) => [key, String(value)]),
        ),
        tags: options.tags ?? {},
        dataset: options.dataset ?? null,
        gitCommit: await gitCommit(),
        serviceName: destination.serviceName,
        startTime,
      },
      'recording the start',
    );
  const started = sendStart();

  const finish = async (status: RunEndStatus): Promise<void> => {
    const endTime = new Date().toISOString();
    // The start is idempotent, so one lost to a collector that was briefly away is simply resent.
    if (destination === undefined || !((await started) || (await sendStart()))) return;
    const endUrl = new URL(
      `${destination.runsUrl.pathname}/${encodeURIComponent(identity.id)}/end`,
      destination.runsUrl,
    );
    await send(endUrl, { status, endTime }, 'recording the end');
  };
  let ended: Promise<void> | undefined;

  return {
    ...identity,
    within: <T>(fn: () => T): T => context.with(contextWithRun(identity), fn),
    end: (endOptions = {}) => (ended ??= finish(endOptions.status ?? 'finished')),
  };
}

/** The run a trace belongs to, as its spans recorded it. */
export interface TraceRun {
  runId: string;
  /** '' when the spans named no experiment. */
  experimentName: string;
}

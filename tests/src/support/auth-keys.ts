import { main } from '@ragtrace/collector';

/**
 * Runs `ragtrace keys …` in process, as a user would from a shell, against a collector's
 * key file (keys.json in its data dir). Resolves with the exit status and what was printed.
 */
export async function ragtraceKeys(
  dataDir: string,
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(['keys', ...args, '--data-dir', dataDir], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
  });
  return { status, stdout, stderr };
}

/** Creates a key with `ragtrace keys create` and returns it (the one line it prints on stdout). */
export async function createProjectKey(dataDir: string, project: string, rights?: string): Promise<string> {
  const result = await ragtraceKeys(
    dataDir,
    'create',
    '--project',
    project,
    ...(rights === undefined ? [] : ['--rights', rights]),
  );
  if (result.status !== 0) throw new Error(`keys create failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A span of `name` in an OTLP/JSON export, whose resource claims `claimedProject`. */
export function otlpSpanExport(
  traceId: string,
  name: string,
  claimedProject?: string,
  startSeconds = 1_700_000_000,
): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'auth-test' } },
            ...(claimedProject === undefined
              ? []
              : [{ key: 'ragtrace.project', value: { stringValue: claimedProject } }]),
          ],
        },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: traceId.slice(0, 16),
                name,
                startTimeUnixNano: `${startSeconds}000000000`,
                endTimeUnixNano: `${startSeconds}500000000`,
                attributes: [
                  { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                  { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o-mini' } },
                  { key: 'ragtrace.run.id', value: { stringValue: `run-${name}` } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

/** An OTLP/JSON logs export with one log record saying `body`. */
export function otlpLogExport(traceId: string, body: string, claimedProject?: string): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: {
          attributes:
            claimedProject === undefined
              ? []
              : [{ key: 'ragtrace.project', value: { stringValue: claimedProject } }],
        },
        scopeLogs: [
          { logRecords: [{ timeUnixNano: '1700000000000000000', traceId, body: { stringValue: body } }] },
        ],
      },
    ],
  });
}

export function withKey(
  key: string | undefined,
  headers: Record<string, string> = {},
): Record<string, string> {
  return key === undefined ? headers : { ...headers, authorization: `Bearer ${key}` };
}

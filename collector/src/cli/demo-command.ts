import { apiKeyHeaders } from './api-key-headers.js';
import type { CliIo } from './cli-io.js';

/**
 * The demo is an application of its own (examples/rag-demo), which the collector does not depend
 * on: a collector install stays free of the SDK and the demo's code, and `ragtrace demo` loads the
 * demo when it is installed beside the collector (as in this repository's workspace).
 */
export const DEMO_PACKAGE = '@ragtrace/demo';

/** What `ragtrace demo` needs of the demo package: its command line. */
export interface DemoModule {
  runDemoCli(
    argv: string[],
    io: Pick<CliIo, 'stdout'>,
    options: { program: string; headers: Record<string, string> },
  ): Promise<number>;
}

export type DemoLoader = () => Promise<DemoModule | undefined>;

const NOT_INSTALLED = `ragtrace demo: the demo is the package ${DEMO_PACKAGE}, which is not installed here.
Install it beside the collector (npm install ${DEMO_PACKAGE}), then run ragtrace demo again,
or run it on its own: npx ${DEMO_PACKAGE} [--endpoint URL]
`;

/**
 * The demo package, or undefined when it is not installed. Only its own absence counts as not
 * installed: a demo that is there but fails to load reports its own error.
 */
export const importDemo: DemoLoader = async () => {
  try {
    // A variable, not a literal, so that TypeScript does not make the demo a build dependency.
    const specifier: string = DEMO_PACKAGE;
    return (await import(specifier)) as DemoModule;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${DEMO_PACKAGE}'`)) return undefined;
    throw error;
  }
};

export async function runDemoCommand(
  argv: string[],
  io: CliIo,
  load: DemoLoader = importDemo,
): Promise<number> {
  const demo = await load();
  if (demo === undefined) {
    io.stderr(NOT_INSTALLED);
    return 1;
  }
  return demo.runDemoCli(argv, io, { program: 'ragtrace demo', headers: apiKeyHeaders(io.env) });
}

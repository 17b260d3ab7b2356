/** `ragtrace-demo` (this package's bin): the demo without the `ragtrace` CLI. */
import { runDemoCli } from './demo-cli.js';

try {
  process.exitCode = await runDemoCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
  });
} catch (error) {
  process.stderr.write(`ragtrace-demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

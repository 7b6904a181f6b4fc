/**
 * The process around the command line (`program.ts`): signals, a closed pipe, the exit code. The
 * only file that exits.
 */
import { installSignalHandlers, runCleanup } from './kernel/cleanup.js';
import { EXIT } from './kernel/errors.js';
import { main } from './program.js';

// A closed pipe (`segment … | head`) ends the output, not the world: clean up, exit quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      runCleanup();
      process.exit(EXIT.ok);
    }
    throw err;
  });
}
// Interrupted (Ctrl-C, kill, a closed terminal): temporary files go, a previous --output stays.
installSignalHandlers((code) => process.exit(code));

const code = await main(process.argv.slice(2));
// Let stdout drain before exiting (pipes into jq, head, files).
process.exitCode = code;

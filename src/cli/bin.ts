#!/usr/bin/env node
import { main } from './index.js';

// A reader that stops early (`custlink init ... | head`) closes the pipe: the rest of the output
// has nowhere to go, which is the reader's choice, not an error to crash on with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`custlink: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

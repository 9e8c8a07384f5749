#!/usr/bin/env node
// Entry point. `--version` is answered here without loading anything else (cron wrappers and
// monitoring call it often); every other command goes to the compiled CLI.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  main(process.argv);
}

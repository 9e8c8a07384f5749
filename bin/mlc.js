#!/usr/bin/env node
// Entry point. `--version` is answered here without loading anything else (cron wrappers and
// monitoring call it often); every other command goes to the compiled CLI.
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // mlc runs for seconds, not for days: V8's inlining budget (call sites of up to 460 bytes of
  // bytecode inlined) is made for long-lived programs, and on a 10,000-person first sync its
  // background compiling was ~1.1 s of CPU. Inlining only functions of up to 100 bytes cut that
  // by ~250 ms (-22%), the main thread unchanged (issue 9; README, Performance). Set before any
  // of mlc's code is compiled; a value given to node (argv or NODE_OPTIONS) is left alone.
  if (!/--max[-_]inlined[-_]bytecode[-_]size(?![-_\w])/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`)) setFlagsFromString('--max-inlined-bytecode-size=100');
  const { main } = await import('../dist/cli/main.js');
  main(process.argv);
}

#!/usr/bin/env node
// npm run test:crash -- --points 200 [--seed 7]: the long crash suite.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { points: { type: 'string', default: '200' }, seed: { type: 'string', default: '7' } } });
const r = spawnSync('npx', ['vitest', 'run', 'test/resilience/crash.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, MLC_CRASH_POINTS: values.points, MLC_CRASH_SEED: values.seed },
});
process.exit(r.status ?? 1);

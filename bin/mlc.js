#!/usr/bin/env node
// Entry point: everything lives in the compiled CLI; keep this file tiny so start-up stays fast.
import { main } from '../dist/cli/main.js';

main(process.argv);

#!/usr/bin/env node
// Entry point of the Sage 100 agent (runs on the Sage server; see src/agent/sage100/README.md).
const { main } = await import('../dist/agent/sage100/cli.js');
await main(process.argv);

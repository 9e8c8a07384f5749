// Preloaded into the benchmarked mlc process (node --require): on exit, write the process's
// peak resident memory and CPU time to the file named by MLC_BENCH_PROBE.
process.on('exit', () => {
  const file = process.env.MLC_BENCH_PROBE;
  if (!file) return;
  const u = process.resourceUsage();
  require('node:fs').writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000), userMs: Math.round(u.userCPUTime / 1000), sysMs: Math.round(u.systemCPUTime / 1000) }));
});

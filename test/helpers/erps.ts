// The ERPs the suites run against: every simulator registered in src/sim/registry.ts, or the
// ones named in MLC_TEST_ERP (comma-separated), e.g. MLC_TEST_ERP=d365 npx vitest run test/resilience.
import { simErps } from '../../src/sim/registry.js';

export function erpsUnderTest(): string[] {
  const all = simErps().map((e) => e.name);
  const wanted = process.env.MLC_TEST_ERP?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted?.length) return all;
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length) throw new Error(`MLC_TEST_ERP names unknown simulators: ${unknown.join(', ')} (registered: ${all.join(', ')})`);
  return wanted;
}

// Chooses which generated employees carry the hard cases: ~5% terminated in the past (one of
// them with BambooHR's `0000-00-00` originalHireDate quirk, reference §2.6), at least one
// rehire, exactly one future-dated termination, ~2% future-dated transfers to another
// department and ~1% future-dated raises. Only individual contributors are picked, so no
// manager leaves while people still report to them.
import { IC_TITLES } from './catalog.js';
import type { Draft } from './generator-history.js';
import type { Rng } from '../common/prng.js';

export function planEvents(drafts: Draft[], rng: Rng, todayDay: number): void {
  const ics = drafts.filter((d) => d.role === 'ic');
  for (let i = ics.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = ics[i];
    const b = ics[j];
    if (a && b) [ics[i], ics[j]] = [b, a];
  }
  let k = 0;
  const take = (n: number): Draft[] => {
    const out: Draft[] = [];
    for (let i = 0; i < n && ics.length > 0; i++) out.push(ics[k++ % ics.length] as Draft);
    return out;
  };
  const size = drafts.length;

  take(Math.max(1, Math.round(size * 0.05))).forEach((d, i) => {
    if (d.hireDay > todayDay - 60) d.hireDay = todayDay - rng.int(60, 3650);
    d.pastTermination = rng.int(d.hireDay + 30, todayDay - 1);
    if (i === 0) d.zeroOriginalHire = true;
  });
  for (const d of take(Math.max(1, Math.round(size * 0.005)))) {
    d.hireDay = todayDay - rng.int(800, 3650);
    const termDay = d.hireDay + rng.int(200, 500);
    d.rehire = { termDay, rehireDay: rng.int(termDay + 30, todayDay - 30) };
  }
  for (const d of take(1)) d.futureTermination = todayDay + rng.int(1, 30);

  // A transfer lands under a manager of the target department, or its head if it has none.
  const pools = new Map<string, Draft[]>();
  for (const role of ['manager', 'head'] as const) {
    for (const d of drafts) {
      if (d.role !== role || (role === 'head' && pools.has(d.dept))) continue;
      const pool = pools.get(d.dept) ?? [];
      pool.push(d);
      pools.set(d.dept, pool);
    }
  }
  const depts = [...pools.keys()];
  for (const d of take(Math.max(1, Math.round(size * 0.02)))) {
    const others = depts.filter((x) => x !== d.dept);
    const dept = rng.pick(others.length > 0 ? others : depts);
    const manager = rng.pick(pools.get(dept) ?? []);
    d.futureTransfer = { day: todayDay + rng.int(1, 60), dept, managerId: manager.id, title: rng.pick(IC_TITLES[dept] ?? ['Specialist']) };
  }
  for (const d of take(Math.max(1, Math.round(size * 0.01)))) d.futureRaise = todayDay + rng.int(1, 60);
}

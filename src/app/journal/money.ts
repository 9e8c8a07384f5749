// Exact money arithmetic for journals: amounts are integers throughout (BigInt while a
// person's cost is a fraction, integer cents once rounded), never binary fractions, so the
// lines add up to the cent and the journal balances exactly (the port's Cents, DESIGN §8).
//
// The rounding rule (README "Journals"): a person's cost for the period is computed exactly,
// as a fraction, and rounded once to the cent, half a cent up. Split over the lines it goes to
// (a transfer in the month), each share is first rounded down, and the cents left over go to
// the shares with the largest remainders (the earlier share on a tie), so the shares add up
// to the person's rounded cost. A line is the sum of its people's shares; the offset line is
// the sum of the lines.

/** `"65000.00"` → units of 10^-scale (65000000000n for scale 6); undefined if not a plain decimal. */
export function decimalUnits(text: string, scale: number): bigint | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > scale) return undefined;
  return BigInt(m[1]!) * 10n ** BigInt(scale) + BigInt((frac + '0'.repeat(scale)).slice(0, scale) || '0');
}

/** A configured factor (hours a year, an exchange rate) in units of 10^-scale. */
export const scaled = (x: number, scale: number): bigint => BigInt(Math.round(x * 10 ** scale));

/** n / d rounded to the nearest integer, halves up (n, d ≥ 0). */
export function roundHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** Splits round(Σ shares / d) over the shares: floors, then the leftover cents by largest remainder. */
export function splitCents(shares: readonly bigint[], d: bigint): number[] {
  const total = roundHalfUp(shares.reduce((a, b) => a + b, 0n), d);
  const out = shares.map((s) => s / d);
  let left = total - out.reduce((a, b) => a + b, 0n);
  const order = shares.map((s, i) => ({ i, r: s % d })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    out[i]! += 1n;
    left -= 1n;
  }
  return out.map(Number);
}

/** Integer cents → `"12466.67"` (what `--json` and the printed lines show). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

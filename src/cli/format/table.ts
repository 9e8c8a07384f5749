// Plain aligned text tables for terminals and cron mail (no box drawing, no colour needed).
export function table(header: string[], rows: string[][], maxWidth = 32): string[] {
  const clip = (s: string) => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s);
  const all = [header, ...rows].map((r) => r.map(clip));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

/**
 * A table whose last column is text that is never cut (reasons): the other columns are
 * clipped at `maxWidth` (none with `wide`), and with `wrapAt` (a terminal's width) the text
 * wraps onto continuation lines aligned under its column.
 */
export function textTable(header: string[], rows: string[][], opts: { maxWidth?: number; wide?: boolean; wrapAt?: number | undefined } = {}): string[] {
  const last = header.length - 1;
  const fixed = table(header.slice(0, last), rows.map((r) => r.slice(0, last)), opts.wide ? Number.MAX_SAFE_INTEGER : (opts.maxWidth ?? 32));
  const indent = Math.max(...fixed.map((l) => l.length)) + 2;
  const room = opts.wrapAt && !opts.wide ? opts.wrapAt - indent - 1 : Number.MAX_SAFE_INTEGER;
  // A narrow terminal leaves the text too little room beside the columns: it goes below its
  // row instead, indented, over the terminal's whole width.
  const below = room < MIN_ROOM && opts.wrapAt !== undefined;
  return fixed.flatMap((line, n) => {
    const text = (n === 0 ? header[last] : rows[n - 1]?.[last]) ?? '';
    if (below && n > 0) return [line, ...(text ? wrap(text, Math.max(MIN_ROOM, opts.wrapAt! - 5)).map((r) => `    ${r}`) : [])];
    const [first = '', ...rest] = wrap(text, Math.max(room, MIN_ROOM));
    return [`${line.padEnd(indent)}${first}`.trimEnd(), ...rest.map((r) => `${' '.repeat(indent)}${r}`)];
  });
}

const MIN_ROOM = 40;

/** Word wrap; a word longer than the room is split. */
export function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w.length > 0; ) {
      const sep = cur ? ' ' : '';
      if (cur.length + sep.length + w.length <= room) {
        cur += sep + w;
        w = '';
      } else if (cur) {
        lines.push(cur);
        cur = '';
      } else {
        lines.push(w.slice(0, room));
        w = w.slice(room);
      }
    }
  }
  return cur || lines.length === 0 ? [...lines, cur] : lines;
}

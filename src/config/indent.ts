// Which line has the wrong indentation. The YAML parser reports where it noticed the
// trouble: for an over-indented line that is the line *above* it ("Nested mappings are not
// allowed in compact mappings"), for an over-indented first key the keys *after* it ("All
// mapping items must start at the same column"), and a de-indented line drags a cascade of
// errors behind it. Reading the indentation line by line finds the culprit to point at.

export interface IndentCulprit {
  line: number;
  column: number;
  message: string;
}

/** yaml's error codes that an indentation mistake produces. */
export const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'MISSING_CHAR']);

interface Line {
  no: number;
  indent: number;
  content: string;
}

interface Frame {
  col: number;
  /** The line whose value the frame's lines are (undefined at the top level). */
  opener: Line | undefined;
  members: Line[];
}

/** Significant lines: no blanks, comments, block-scalar bodies or flow continuations. */
function lines(text: string): Line[] | undefined {
  const out: Line[] = [];
  let scalarAbove: number | undefined; // indent of a `key: |` line whose body we are in
  let depth = 0; // open [ { of a flow collection spanning lines
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const indent = raw.length - raw.trimStart().length;
    const content = stripComment(raw.trim());
    if (/^\t| \t/.test(raw.slice(0, indent + 1)) && content) return undefined; // tabs: yaml's own message is right
    if (content === '' || content === '---' || content === '...') continue;
    if (scalarAbove !== undefined && indent > scalarAbove) continue;
    scalarAbove = undefined;
    if (depth > 0) {
      depth += brackets(content);
      continue;
    }
    depth = Math.max(0, brackets(content));
    out.push({ no: i + 1, indent, content });
    if (/(^|[:\s-])[|>][-+0-9]*$/.test(content)) scalarAbove = indent;
  }
  return out;
}

function stripComment(s: string): string {
  // A # starts a comment at the line start or after a space, outside quotes.
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return s.slice(0, i).trimEnd();
  }
  return s;
}

function brackets(s: string): number {
  const unquoted = s.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '');
  return (unquoted.match(/[[{]/g)?.length ?? 0) - (unquoted.match(/[\]}]/g)?.length ?? 0);
}

/** `key:` or `- key:` or `-` with nothing after: the next, deeper lines are its value. */
function opensBlock(l: Line): boolean {
  return /:$/.test(l.content) || l.content === '-';
}

function keyOf(l: Line): string {
  const m = /^(?:-\s+)?("[^"]*"|'[^']*'|[^:]+?)\s*:(\s|$)/.exec(l.content);
  return m ? `"${m[1]!.replace(/^["']|["']$/g, '')}"` : `"${l.content.slice(0, 30)}"`;
}

/** The column where a `- key: value` item's own keys start (the column of `key`). */
function itemColumn(l: Line): number | undefined {
  const m = /^-(\s+)\S/.exec(l.content);
  return m && !/^-\s+-/.test(l.content) && /:(\s|$)/.test(l.content) ? l.indent + 1 + m[1]!.length : undefined;
}

export function indentCulprit(text: string): IndentCulprit | undefined {
  const all = lines(text);
  if (!all || all.length === 0) return undefined;
  const stack: Frame[] = [{ col: all[0]!.indent, opener: undefined, members: [] }];
  let prev: Line | undefined;
  for (const [n, l] of all.entries()) {
    const top = stack[stack.length - 1]!;
    if (prev && opensBlock(prev) && l.indent > (itemColumn(prev) ?? prev.indent)) {
      stack.push({ col: l.indent, opener: prev, members: [l] });
    } else if (l.indent > top.col) {
      return at(l, `${keyOf(l)} is indented ${l.indent} spaces, more than line ${prev!.no} above it (${prev!.indent}), which already has a value: indent it ${top.col} spaces like the other keys of its block`);
    } else {
      let popped: Frame | undefined;
      while (l.indent < stack[stack.length - 1]!.col && stack.length > 1) popped = stack.pop();
      const outer = stack[stack.length - 1]!;
      if (l.indent !== outer.col) return blame(l, popped, outer, all.slice(n + 1), usualStep(all));
      outer.members.push(l);
    }
    const item = itemColumn(l);
    if (item !== undefined) stack.push({ col: item, opener: l, members: [l] });
    prev = l;
  }
  return undefined;
}

/** The file's usual indentation step: the commonest opener-to-first-child difference. */
function usualStep(all: Line[]): number {
  const seen = new Map<number, number>();
  for (const [i, l] of all.entries()) {
    const next = all[i + 1];
    if (next && opensBlock(l) && next.indent > l.indent) seen.set(next.indent - l.indent, (seen.get(next.indent - l.indent) ?? 0) + 1);
  }
  return [...seen.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 2;
}

/**
 * `l` sits between two levels. Either `l` is off, or the block it left (`popped`) was: its
 * first key indented differently from the keys that follow it under the same parent. The
 * majority decides; on a tie, the file's usual step.
 */
function blame(l: Line, popped: Frame | undefined, outer: Frame, rest: Line[], step: number): IndentCulprit {
  const parent = popped?.opener;
  if (popped && parent && l.indent > parent.indent) {
    const after = rest.filter((x, i) => x.indent === l.indent && rest.slice(0, i).every((y) => y.indent > parent.indent)).length + 1;
    const usual = l.indent - parent.indent === step && popped.col - parent.indent !== step;
    if (after > popped.members.length || (after === popped.members.length && usual)) {
      const first = popped.members[0]!;
      return at(first, `${keyOf(first)} is indented ${first.indent} spaces, but the other keys under ${keyOf(parent)} (line ${parent.no}) use ${l.indent}: indent it ${l.indent} spaces`);
    }
  }
  if (!popped) return at(l, `${keyOf(l)} is indented ${l.indent} spaces, but the keys around it use ${outer.col}: indent it ${outer.col} spaces`);
  return at(l, `${keyOf(l)} is indented ${l.indent} spaces, between the ${popped.col} of the keys above it (line ${popped.members[0]!.no}) and the ${outer.col} of the level around them: indent it ${popped.col} spaces to stay in that block, or ${outer.col} to end it`);
}

function at(l: Line, message: string): IndentCulprit {
  return { line: l.no, column: l.indent + 1, message };
}

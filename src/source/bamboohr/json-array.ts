// Reading a big JSON array (an all-rows table of a 50,000-person company: tens of MB) one
// element at a time, straight from the answer's bytes: each element is decoded and parsed on
// its own and can be let go at once, so the whole text and the whole parsed array never sit
// in memory together (issue 9 §3). Structural characters are ASCII, and UTF-8 never uses ASCII
// bytes inside a multi-byte character, so scanning bytes is exact.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length && isSpace(buf[i]!)) i++;
  return i;
}

/** End (exclusive) of the element starting at `i`: a string, an object/array, or a scalar. */
function elementEnd(buf: Buffer, i: number): number {
  let depth = 0;
  let inString = false;
  for (let j = i; j < buf.length; j++) {
    const b = buf[j]!;
    if (inString) {
      if (b === BACKSLASH) j++;
      else if (b === QUOTE) {
        inString = false;
        if (depth === 0) return j + 1;
      }
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      if (depth === 0) return j; // the array's own end: a scalar element stops before it
      depth--;
      if (depth === 0) return j + 1;
    } else if (depth === 0 && (b === COMMA || isSpace(b))) return j;
  }
  throw new SyntaxError('unexpected end of the array');
}

/** Calls `each` with every element of the top-level JSON array in `buf`, parsed. */
export function forEachArrayElement(buf: Buffer, each: (value: unknown, index: number) => void): number {
  let i = skipSpace(buf, 0);
  if (buf[i] !== OPEN_BRACKET) throw new SyntaxError('expected a JSON array');
  i = skipSpace(buf, i + 1);
  let n = 0;
  if (buf[i] === CLOSE_BRACKET) return finish(buf, i, n);
  for (;;) {
    const end = elementEnd(buf, i);
    each(JSON.parse(buf.toString('utf8', i, end)) as unknown, n++);
    i = skipSpace(buf, end);
    if (buf[i] === COMMA) i = skipSpace(buf, i + 1);
    else if (buf[i] === CLOSE_BRACKET) return finish(buf, i, n);
    else throw new SyntaxError(`expected , or ] at byte ${i}`);
  }
}

function finish(buf: Buffer, i: number, n: number): number {
  if (skipSpace(buf, i + 1) !== buf.length) throw new SyntaxError(`unexpected data after the array at byte ${i + 1}`);
  return n;
}

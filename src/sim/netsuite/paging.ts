// Paged collections as the record list and SuiteQL return them: links, count, hasMore,
// items, offset, totalResults (section_158394344595, section_157909186990).
import { NsError } from './http.js';

export interface Paging {
  limit: number;
  offset: number;
}

export const MAX_LIMIT = 1000;

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new NsError(400, 'INVALID_PARAMETER', `Invalid value for the parameter ${name}: ${raw}. It must be an integer from ${min} to ${max}.`, name);
  }
  return n;
}

export function parsePaging(query: URLSearchParams): Paging {
  return { limit: intParam(query, 'limit', MAX_LIMIT, 1, MAX_LIMIT), offset: intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER) };
}

interface Link {
  rel: string;
  href: string;
}

export interface Collection<T> {
  links: Link[];
  count: number;
  hasMore: boolean;
  items: T[];
  offset: number;
  totalResults: number;
}

/** `selfUrl` is the absolute URL without query; other query parameters are not kept. */
export function page<T>(all: readonly T[], p: Paging, selfUrl: string): Collection<T> {
  const items = all.slice(p.offset, p.offset + p.limit);
  const hasMore = p.offset + items.length < all.length;
  const href = (offset: number): string => `${selfUrl}?limit=${p.limit}&offset=${offset}`;
  const lastOffset = all.length === 0 ? 0 : Math.floor((all.length - 1) / p.limit) * p.limit;
  const links: Link[] = [];
  if (p.offset > 0) links.push({ rel: 'previous', href: href(Math.max(0, p.offset - p.limit)) });
  links.push({ rel: 'first', href: href(0) });
  if (hasMore) links.push({ rel: 'next', href: href(p.offset + p.limit) });
  links.push({ rel: 'last', href: href(lastOffset) });
  links.push({ rel: 'self', href: href(p.offset) });
  return { links, count: items.length, hasMore, items, offset: p.offset, totalResults: all.length };
}

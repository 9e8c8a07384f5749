// A minimal method + path router for the control API. Patterns use `:name` segments; the
// first registered match wins.
import type { SimRequest, SimResponse } from './http.js';

export type Handler = (req: SimRequest, params: Record<string, string>) => SimResponse | Promise<SimResponse>;

export type RouteMatch = { handler: Handler; params: Record<string, string> } | { status: 404 | 405 };

export class Router {
  private readonly routes: Array<{ method: string; segments: string[]; handler: Handler }> = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      pathMatched = true;
    }
    return { status: pathMatched ? 405 : 404 };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, p] of pattern.entries()) {
    const v = parts[i] ?? '';
    if (!p.startsWith(':')) {
      if (p !== v) return undefined;
      continue;
    }
    try {
      params[p.slice(1)] = decodeURIComponent(v);
    } catch {
      return undefined;
    }
  }
  return params;
}

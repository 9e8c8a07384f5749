// A minimal method + path router. Patterns use `:name` segments; the first registered match
// wins, so literal routes (`/employees/changed`) are registered before `/employees/:id`.
import type { SimRequest, SimResponse } from './http.js';

export type Handler<C> = (req: SimRequest, params: Record<string, string>, ctx: C) => SimResponse | Promise<SimResponse>;

interface Route<C> {
  method: string;
  segments: string[];
  handler: Handler<C>;
}

export type RouteMatch<C> = { handler: Handler<C>; params: Record<string, string> } | { status: 404 | 405 };

export class Router<C> {
  private readonly routes: Route<C>[] = [];

  add(method: string, pattern: string, handler: Handler<C>): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch<C> {
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
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const v = parts[i] ?? '';
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) {
      return undefined;
    }
  }
  return params;
}

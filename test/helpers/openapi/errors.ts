// Turns Ajv's error objects into one readable line each, e.g.
// "/employees/4/action must be equal to one of the allowed values (Inserted, Updated, Deleted)".
import type { ErrorObject } from 'ajv';

const MAX_LINES = 20;

export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  if (!errors) return [];
  let list = errors;
  // A failed anyOf/oneOf also reports every branch's failure; those lines are
  // noise next to the summary "must match a schema in anyOf".
  const combinators = list.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath + '/');
  list = list.filter((e) => !combinators.some((prefix) => e.schemaPath.startsWith(prefix)));
  const lines = [...new Set(list.map(describe))];
  if (lines.length <= MAX_LINES) return lines;
  return [...lines.slice(0, MAX_LINES), `... and ${lines.length - MAX_LINES} more`];
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  let msg = e.message ?? `fails ${e.keyword}`;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    msg += ` (${params['allowedValues'].map(String).join(', ')})`;
  } else if (e.keyword === 'additionalProperties') {
    msg += ` (${String(params['additionalProperty'])})`;
  } else if (e.keyword === 'const') {
    msg += ` (${JSON.stringify(params['allowedValue'])})`;
  }
  if (e.keyword === 'type' || e.keyword === 'format' || e.keyword === 'enum' || e.keyword === 'const') {
    msg += `, got ${preview(e.data)}`;
  }
  return `${where} ${msg}`;
}

function preview(data: unknown): string {
  const text = JSON.stringify(data) ?? String(data);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

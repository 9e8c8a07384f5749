// The custom report request body (spec RequestCustomReport and its XML twin). JSON is only
// recognised when Content-Type is exactly `application/json`; anything else is parsed as XML,
// so `application/json; charset=UTF-8` ends in "Malformed XML" (reference §1.2).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { SimError } from './company-inputs.js';
import { parseTimestamp } from './dates.js';

export interface ReportRequest {
  title: string;
  fields: string[] | undefined;
  lastChanged: Date | undefined;
  employeeIds: number[] | undefined;
}

const JsonBody = z.object({
  title: z.string().optional(),
  fields: z.array(z.union([z.string(), z.number()])).optional(),
  filters: z
    .object({
      lastChanged: z.object({ value: z.string(), includeNull: z.enum(['yes', 'no']).optional() }).optional(),
      employeeIds: z.array(z.union([z.number().int(), z.string().regex(/^\d+$/)])).optional(),
    })
    .optional(),
  filterDuplicates: z.enum(['yes', 'no']).optional(),
});

function finish(title: string | undefined, fields: string[] | undefined, lastChanged: string | undefined, ids: Array<string | number> | undefined): ReportRequest {
  let since: Date | undefined;
  if (lastChanged !== undefined) {
    since = parseTimestamp(lastChanged.trim());
    if (!since) throw new SimError(400, `filters.lastChanged.value is not an ISO 8601 date-time: ${lastChanged}`);
  }
  return { title: title ?? '', fields, lastChanged: since, employeeIds: ids?.map(Number) };
}

function fromJson(text: string): ReportRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SimError(400, 'Malformed JSON');
  }
  const parsed = JsonBody.safeParse(raw);
  if (!parsed.success) throw new SimError(400, `Invalid report request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const b = parsed.data;
  return finish(b.title, b.fields?.map(String), b.filters?.lastChanged?.value, b.filters?.employeeIds);
}

type XmlValue = string | number | { [key: string]: XmlValue } | XmlValue[] | undefined;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => name === 'field' || name === 'employeeId',
});

function child(node: XmlValue, key: string): XmlValue {
  return node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
}

function textOf(node: XmlValue): string | undefined {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const text = child(node, '#text');
  return text === undefined ? undefined : String(text);
}

function fromXml(text: string): ReportRequest {
  if (!text.trim() || XMLValidator.validate(text) !== true) throw new SimError(400, 'Malformed XML');
  const report = child(parser.parse(text) as XmlValue, 'report');
  if (report === undefined) throw new SimError(400, 'Malformed XML');
  const fieldNodes = child(child(report, 'fields'), 'field');
  const fields = Array.isArray(fieldNodes) ? fieldNodes.map((f) => String(child(f, '@_id') ?? '')).filter(Boolean) : undefined;
  const filters = child(report, 'filters');
  const idNodes = child(child(filters, 'employeeIds'), 'employeeId');
  const ids = Array.isArray(idNodes) ? idNodes.map((n) => textOf(n) ?? '').filter((s) => /^\d+$/.test(s.trim())) : undefined;
  return finish(textOf(child(report, 'title')), fields, textOf(child(filters, 'lastChanged')), ids);
}

export function parseReportBody(contentType: string | undefined, text: string): ReportRequest {
  return contentType === 'application/json' ? fromJson(text) : fromXml(text);
}

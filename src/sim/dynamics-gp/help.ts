// The tenant's discovery page, `GET /GPService/Tenants(<tenant>)/help` (erps.md §3.1): an HTML
// list of the resources this server has, reflecting which are enabled and their configured
// paths. No dump of a real page is public (§8 B.2), so the markup is the simulator's own,
// kept regular for a client to read: one <tr> per method and URI template, in
// <table id="resources">, columns Method | Uri | Description; the Uri is relative to the
// tenant base and spells the company `Companies({CompanyName})`.
import { escapeHtml, htmlResponse, type GpResponse } from './http.js';
import { helpLines } from './resource.js';
import type { ActiveResource } from './resources.js';

function rows(resources: readonly ActiveResource[]): string[] {
  const out = [row('GET', 'Companies', 'Gets the list of companies this user may use.', 'stock')];
  for (const r of resources) {
    for (const line of helpLines(r.def, r.customActionCreate)) {
      const uri = `Companies({CompanyName})/${r.path}${line.keyed ? `(${r.def.keyTemplate})` : ''}`;
      out.push(row(line.method, uri, line.description, r.def.origin));
    }
  }
  return out;
}

function row(method: string, uri: string, description: string, origin: string): string {
  return `<tr data-origin="${origin}"><td>${method}</td><td>${escapeHtml(uri)}</td><td>${escapeHtml(description)}</td></tr>`;
}

export function helpPage(tenant: string, resources: readonly ActiveResource[]): GpResponse {
  const html = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>Microsoft Dynamics GP Service Help</title></head><body>',
    `<h1>Microsoft Dynamics GP Service: Tenants(${escapeHtml(tenant)})</h1>`,
    '<p>Append .json to a resource for JSON; request bodies are {"Payload": {…}}.</p>',
    '<table id="resources"><thead><tr><th>Method</th><th>Uri</th><th>Description</th></tr></thead><tbody>',
    ...rows(resources),
    '</tbody></table></body></html>',
  ].join('\n');
  return htmlResponse(200, html);
}

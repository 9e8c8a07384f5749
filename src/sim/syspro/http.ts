// The answers SYSPRO's REST host gives, byte for byte where a recording shows them: e.net
// answers are HTTP 200 `application/octet-stream` from `Microsoft-HTTPAPI/2.0` (erps.md
// §1.1), errors included (§1.3); WCF's own HTML pages for a wrong path or method; http.sys
// pages for what never reaches WCF (414, 503).
import type { SimRequest, SimResponse } from '../common/http.js';
import { encodeCp1252 } from './cp1252.js';

export type { SimRequest, SimResponse } from '../common/http.js';

/** The REST host is a self-hosted WCF service on http.sys (recorded `Server` header). */
export const SERVER = 'Microsoft-HTTPAPI/2.0';

/** Base path of the REST endpoints (erps.md §1.1); matched case-insensitively. */
export const BASE_PATH = '/SYSPROWCFService/Rest';

/** Every e.net answer: text (session id, `0`, `ERROR: …`) or XML, in Windows-1252 bytes. */
export function enetResponse(text: string): SimResponse {
  return { status: 200, headers: { 'Content-Type': 'application/octet-stream', Server: SERVER }, body: encodeCp1252(text) };
}

/**
 * WCF webHttp's error page (seen publicly for "Endpoint not found."): an HTML body titled
 * "Service". The stylesheet WCF adds is left out; clients only need status and text.
 */
export function wcfPage(status: 404 | 405 | 500, message: string): SimResponse {
  const body =
    '<?xml version="1.0" encoding="utf-8"?>\r\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\r\n' +
    `<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${status === 500 ? 'Request Error' : 'Service'}</title></head>` +
    `<body><div id="content"><p class="heading1">${status === 500 ? 'Request Error' : 'Service'}</p><p>${message}</p></div></body></html>`;
  const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=UTF-8', Server: SERVER };
  if (status === 405) headers['Allow'] = 'GET';
  return { status, headers, body };
}

export const endpointNotFound = (): SimResponse => wcfPage(404, 'Endpoint not found.');
export const methodNotAllowed = (): SimResponse => wcfPage(405, 'Method not allowed.');
export const requestError = (): SimResponse => wcfPage(500, 'The server encountered an error processing the request. See server logs for more details.');

/**
 * http.sys's own error page, as captured from a real 414 ("Request URL Too Long" /
 * "HTTP Error 414. The request URL is too long."; public code snippet), in us-ascii. The
 * connection is closed after it.
 */
export function httpSysPage(status: number, title: string, message: string): SimResponse {
  const body =
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
    `<HTML><HEAD><TITLE>${title}</TITLE>\r\n<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n` +
    `<BODY><h2>${title}</h2>\r\n<hr><p>HTTP Error ${status}. ${message}</p>\r\n</BODY></HTML>\r\n`;
  return { status, headers: { 'Content-Type': 'text/html; charset=us-ascii', Server: SERVER, Connection: 'close' }, body };
}

export const urlTooLong = (): SimResponse => httpSysPage(414, 'Request URL Too Long', 'The request URL is too long.');
export const requestTooLong = (): SimResponse => httpSysPage(400, 'Bad Request - Request Too Long', 'The size of the request headers is too long.');
export const serviceUnavailable = (): SimResponse => httpSysPage(503, 'Service Unavailable', 'The service is unavailable.');
export const prefixNotFound = (): SimResponse => httpSysPage(404, 'Not Found', 'The requested resource is not found.');

/**
 * Query parameters by lower-cased name: WCF UriTemplate matches query variable names
 * case-insensitively, as it does path literals. The first value wins.
 */
export function params(req: SimRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of req.query) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
  return out;
}

export function jsonResponse(status: number, value: unknown): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}

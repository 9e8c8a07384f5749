// Sends the items of one Setup method and business object as documents, and answers one
// result per item. Documents are packed under the URL limit; should the server still answer
// 414 (its limit is lower than configured), the document is sent again in halves and the limit
// lowered for the rest of the run: to the longest URL it accepted when that is more than half
// the refused one, to half the refused one otherwise (a few 414s at most, however far off). A document SYSPRO could not process at all (WCF's
// 500, an ERROR text even on a fresh session) fails its items for this run only.
import type { Logger } from '../../log/logger.js';
import { scrub } from '../../log/redact.js';
import { readSetupAnswer, type Verdict } from './answer.js';
import type { EnetClient, SetupMethod } from './client.js';
import type { SysproSettings } from './config.js';
import { pack, type Item } from './documents.js';
import { isEnetError, itemMatchers, type ItemMatchers } from './errors.js';
import { documentTags, parametersDocument } from './xml.js';

/** failed: nothing is known about the item this time (retried by the next run). */
export type ItemResult = Verdict | { ok: false; kind: 'failed'; message: string };

export interface SetupObject {
  businessObject: string;
  root: string;
}

interface Call {
  method: SetupMethod;
  object: SetupObject;
  parameters: string;
  tags: { open: string; close: string };
}

const yn = (b: boolean): string => (b ? 'Y' : 'N');

/** WCF's error page in one line, for a reason: its last paragraph, where the message is. */
function pageText(html: string): string {
  const paragraphs = [...html.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => m[1]!);
  return (paragraphs.at(-1) ?? html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

export class SetupSender {
  private maxUrl: number;
  /** The longest Setup URL the server accepted in this run. */
  private accepted = 0;
  private readonly matchers: ItemMatchers;

  constructor(
    private readonly client: EnetClient,
    private readonly s: SysproSettings,
    private readonly logger: Logger,
  ) {
    this.maxUrl = s.maxUrlLength;
    this.matchers = itemMatchers(s);
  }

  async send(method: SetupMethod, object: SetupObject, items: readonly Item[], validateOnly: boolean): Promise<Map<Item, ItemResult>> {
    const results = new Map<Item, ItemResult>();
    if (items.length === 0) return results;
    // ApplyIfEntireDocumentValid=N: one bad item is refused alone, the others are applied.
    const parameters = parametersDocument(object.root, object.businessObject, { IgnoreWarnings: yn(this.s.ignoreWarnings), ApplyIfEntireDocumentValid: 'N', ValidateOnly: yn(validateOnly) });
    const call: Call = { method, object, parameters, tags: documentTags(object.root, object.businessObject) };
    const { documents, oversized } = pack(items, this.room(call), Number.POSITIVE_INFINITY);
    for (const it of oversized) {
      results.set(it, { ok: false, kind: 'refused', message: `too long for one request to SYSPRO: ${it.size} bytes once encoded, over the URL limit of ${this.maxUrl} (targets.${this.s.name}.maxUrlLength)` });
    }
    for (const doc of documents) await this.document(call, doc, results);
    return results;
  }

  private room(call: Call): number {
    return this.maxUrl - this.client.setupUrlLength(call.method, call.object.businessObject, call.parameters, call.tags.open + call.tags.close);
  }

  private async document(call: Call, doc: readonly Item[], results: Map<Item, ItemResult>): Promise<void> {
    const { method, object } = call;
    const xmlIn = call.tags.open + doc.map((i) => i.xml).join('') + call.tags.close;
    const what = `Setup/${method} ${object.businessObject}`;
    const res = await this.client.setup(method, object.businessObject, call.parameters, xmlIn);
    if (res.status === 414) return this.tooLong(call, doc, xmlIn, results);
    if (res.status === 200) this.accepted = Math.max(this.accepted, this.client.setupUrlLength(method, object.businessObject, call.parameters, xmlIn));
    const fail = (message: string) => doc.forEach((it) => results.set(it, { ok: false, kind: 'failed', message: scrub(message) }));
    if (res.status === 500) return fail(`SYSPRO could not process the ${object.businessObject} document (HTTP 500: ${pageText(res.body)})`);
    const body = this.client.checked(res, object.businessObject, what);
    if (isEnetError(body)) return fail(`SYSPRO refused the ${object.businessObject} document: ${body.trim().slice(0, 300)}`);
    const answer = readSetupAnswer(body, doc, this.matchers, what);
    doc.forEach((it, i) => results.set(it, answer.verdicts[i]!));
  }

  private async tooLong(call: Call, doc: readonly Item[], xmlIn: string, results: Map<Item, ItemResult>): Promise<void> {
    const length = this.client.setupUrlLength(call.method, call.object.businessObject, call.parameters, xmlIn);
    this.maxUrl = Math.min(this.maxUrl, this.accepted > length / 2 && this.accepted < length ? this.accepted : Math.floor(length / 2));
    this.logger.warn({ target: this.s.name, refusedUrlBytes: length }, `SYSPRO's web server refused a ${length}-byte request URL (414): lower targets.${this.s.name}.maxUrlLength`);
    if (doc.length === 1) {
      results.set(doc[0]!, { ok: false, kind: 'refused', message: `too long for SYSPRO's web server: a ${length}-byte request URL was refused (HTTP 414)` });
      return;
    }
    const half = Math.ceil(doc.length / 2);
    await this.document(call, doc.slice(0, half), results);
    await this.document(call, doc.slice(half), results);
  }
}

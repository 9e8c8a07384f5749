// The e.net operations mlc uses (erps.md §1.2, §8 C.2), over the operator's session: GetVersion,
// Query/Query with the generic table query (COMFND), and Setup/Add|Update|Delete. Every one is
// a GET with its documents in the query string; the session serialises them.
import { MlcError } from '../../domain/errors.js';
import type { SysproSettings } from './config.js';
import { httpError, isEnetError, isNotLicensed, notLicensed, queryFailed } from './errors.js';
import type { EnetAnswer, EnetSession, Params } from './session.js';
import { children, child, parseAnswer, queryDocument, text } from './xml.js';

export type SetupMethod = 'Add' | 'Update' | 'Delete';

export type Row = Record<string, string>;

/** Rows per COMFND page: reads go on, `WHERE key > last`, until a page comes back short. */
const PAGE = 1000;

export class EnetClient {
  constructor(
    readonly s: SysproSettings,
    readonly session: EnetSession,
  ) {}

  /** GetVersion (no session needed; recorded answer `7.0.0.6`). */
  async version(): Promise<string> {
    const res = await this.session.plain('GetVersion');
    if (res.status !== 200) throw httpError(this.s, res.status, 'GetVersion');
    return res.body.trim();
  }

  /** Every row of a table, the given columns (trimmed: numbers come back space-padded), ordered by `key`. */
  async table(table: string, columns: readonly string[], key: string): Promise<Row[]> {
    const rows: Row[] = [];
    for (let after: string | undefined; ; ) {
      const page = await this.page(table, columns, key, after);
      rows.push(...page);
      if (page.length < PAGE) return rows;
      const last = page.at(-1)![key];
      if (last === undefined || last === after) return rows;
      after = last;
    }
  }

  private async page(table: string, columns: readonly string[], key: string, after: string | undefined): Promise<Row[]> {
    const res = await this.session.call('Query/Query', [
      ['BusinessObject', this.s.queryObject],
      ['XmlIn', queryDocument({ table, columns, orderBy: key, after, rows: PAGE })],
    ]);
    const body = this.checked(res, this.s.queryObject, `a query on ${table}`);
    if (isEnetError(body)) throw queryFailed(this.s, table, body);
    const answer = parseAnswer(body, `the query on ${table}`);
    return children(answer.body, 'Row').map((r) => Object.fromEntries(columns.map((c) => [c, text(child(r, c)).trim()])));
  }

  /** Setup/Add|Update|Delete of one document; the caller reads its items (answer.ts). */
  async setup(method: SetupMethod, businessObject: string, xmlParameters: string, xmlIn: string): Promise<EnetAnswer> {
    return this.session.call(`Setup/${method}`, this.setupParams(businessObject, xmlParameters, xmlIn));
  }

  /** URL length of that call, for sizing documents under the server's limit. */
  setupUrlLength(method: SetupMethod, businessObject: string, xmlParameters: string, xmlIn: string): number {
    return this.session.urlLength(`Setup/${method}`, this.setupParams(businessObject, xmlParameters, xmlIn));
  }

  /** The body of an HTTP 200 answer; other statuses and e.net exception 100000 are thrown. */
  checked(res: EnetAnswer, businessObject: string, what: string): string {
    if (res.status !== 200) throw httpError(this.s, res.status, what);
    if (isNotLicensed(res.body)) throw notLicensed(this.s, businessObject, res.body);
    return res.body;
  }

  private setupParams(businessObject: string, xmlParameters: string, xmlIn: string): Params {
    if (businessObject.trim() === '') throw new MlcError('internal', 'a Setup call without a business object');
    return [
      ['BusinessObject', businessObject],
      ['XmlParameters', xmlParameters],
      ['XmlIn', xmlIn],
    ];
  }
}

// GET /api/v1/meta/fields and /api/v1/meta/lists (reference §3.4). Lists follow the spec's
// ListFieldDetail (fieldId as a string, yes/no flags, integer option ids).
import type { ApiContext } from '../context.js';
import { FIELDS } from '../fields.js';
import { jsonResponse, negotiate, type SimRequest, type SimResponse } from '../http.js';
import type { ListOption } from '../model.js';
import type { Router } from '../../common/router.js';
import { toXml, type XmlNode } from '../xml.js';

function metaFields(req: SimRequest, _p: Record<string, string>, ctx: ApiContext): SimResponse {
  const visible = FIELDS.filter((f) => f.alias !== 'id' && !ctx.principal.hidden.has(f.alias));
  const list = visible.map((f) => ({ id: f.id, name: f.name, type: f.type, alias: f.alias }));
  return negotiate(req, list, () =>
    toXml({ fields: { field: list.map((f) => ({ '@_id': String(f.id), '@_type': f.type, '@_alias': f.alias, '#text': f.name })) } }),
  );
}

function listOf(fieldId: string, name: string, alias: string, options: readonly ListOption[]) {
  return {
    fieldId,
    manageable: 'yes',
    multiple: 'no',
    name,
    options: options.map((o) => ({ id: o.id, archived: o.archived ? 'yes' : 'no', createdDate: o.createdDate, archivedDate: null, name: o.name })),
    alias,
  };
}

function metaLists(req: SimRequest, _p: Record<string, string>, ctx: ApiContext): SimResponse {
  const c = ctx.company;
  const lists = [
    listOf('4', 'Department', 'department', c.departments),
    listOf('1355', 'Division', 'division', c.divisions),
    listOf('18', 'Location', 'location', c.locations),
    listOf('17', 'Job Title', 'jobTitle', c.jobTitles),
    listOf('16', 'Employment Status', 'employmentHistoryStatus', c.employmentStatuses),
  ];
  // The spec also accepts ?format=json as an alternative to the Accept header.
  if ((req.query.get('format') ?? '').toLowerCase() === 'json') return jsonResponse(200, lists);
  const xml = (): string =>
    toXml({
      lists: {
        list: lists.map((l): XmlNode => ({
          '@_fieldId': l.fieldId, '@_alias': l.alias, '@_manageable': l.manageable, '@_multiple': l.multiple,
          name: l.name,
          options: { option: l.options.map((o) => ({ '@_id': String(o.id), '@_archived': o.archived, '#text': o.name })) },
        })),
      },
    });
  return negotiate(req, lists, xml);
}

export function registerMetaRoutes(router: Router<ApiContext>): void {
  router.add('GET', '/api/v1/meta/fields', metaFields);
  router.add('GET', '/api/v1/meta/lists', metaLists);
}

// GET /data/$metadata: CSDL (EDMX 4.0) for the entity sets this environment has, in the shape
// of a real F&O document (namespace Microsoft.Dynamics.DataEntities, container "Resources",
// enums with member values; reference §6). Omitted sets/properties (options.schema) are
// absent, so `mlc config check --online` can find them missing.
import { ENUMS, NAMESPACE, type EntitySetDef, type Schema } from './schema.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function entityType(def: EntitySetDef): string[] {
  const lines = [`      <EntityType Name="${esc(def.type)}">`, '        <Key>'];
  for (const k of def.keys) lines.push(`          <PropertyRef Name="${esc(k)}" />`);
  lines.push('        </Key>');
  for (const p of def.props) {
    const type = p.enumType ? `${NAMESPACE}.${p.enumType}` : p.type;
    const nullable = def.keys.includes(p.name) || p.enumType || p.type !== 'Edm.String' ? ' Nullable="false"' : '';
    lines.push(`        <Property Name="${esc(p.name)}" Type="${type}"${nullable} />`);
  }
  lines.push('      </EntityType>');
  return lines;
}

function enumTypes(used: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const [name, members] of Object.entries(ENUMS)) {
    if (!used.has(name)) continue;
    lines.push(`      <EnumType Name="${name}">`);
    for (const [m, v] of members) lines.push(`        <Member Name="${m}" Value="${v}" />`);
    lines.push('      </EnumType>');
  }
  return lines;
}

/** The bound action of A.2 that builds a display value server-side. */
function actions(schema: Schema): string[] {
  if (!schema.set('DimensionSets')) return [];
  return [
    '      <Action Name="getSetDisplayValue" IsBound="true">',
    `        <Parameter Name="_bindingParameter" Type="Collection(${NAMESPACE}.DimensionSet)" />`,
    '        <Parameter Name="_attributeNames" Type="Collection(Edm.String)" />',
    '        <Parameter Name="_attributeValues" Type="Collection(Edm.String)" />',
    '        <ReturnType Type="Edm.String" />',
    '      </Action>',
  ];
}

export function metadataXml(schema: Schema): string {
  const defs = [...schema.sets.values()];
  const used = new Set(defs.flatMap((d) => d.props.map((p) => p.enumType).filter((e): e is string => e !== undefined)));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '  <edmx:DataServices>',
    `    <Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    ...enumTypes(used),
    ...defs.flatMap(entityType),
    ...actions(schema),
    '      <EntityContainer Name="Resources">',
    ...defs.map((d) => `        <EntitySet Name="${esc(d.name)}" EntityType="${NAMESPACE}.${esc(d.type)}" />`),
    '      </EntityContainer>',
    '    </Schema>',
    '  </edmx:DataServices>',
    '</edmx:Edmx>',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

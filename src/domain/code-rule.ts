// The code of a value mlc provisions in an ERP (a D365 dimension value, a Sage 100
// sub-account), from the flow's `provision.code` pattern: `{id}` is BambooHR's option id
// (stable across renames), `{id:3}` zero-padded to 3 digits, `{name}` the option's name in
// capitals with only letters and digits, `{name:10}` cut to 10 characters. Pure.

export function codeFrom(pattern: string, option: { id: string; name: string }): string {
  return pattern.replace(/\{(id|name)(?::(\d{1,2}))?\}/g, (_m, what: string, n?: string) => {
    const width = n === undefined ? undefined : Number(n);
    if (what === 'id') return width === undefined ? option.id : option.id.padStart(width, '0');
    const clean = option.name.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase().replace(/[^\x20-\x7e]/g, '');
    return width === undefined ? clean : clean.slice(0, width);
  });
}

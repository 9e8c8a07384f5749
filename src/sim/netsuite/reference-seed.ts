// Default reference records, chosen so a demo can map the BambooHR simulator's company
// (its departments, divisions and locations) onto NetSuite internal ids. None carries a
// subsidiary restriction, so any department/class/location fits any subsidiary.
import type { NetSuiteReference, NetSuiteReferenceSeed, ReferenceType } from './types.js';

const named = (firstId: number, names: string[]): NetSuiteReference[] =>
  names.map((name, i) => ({ id: String(firstId + i), name, isInactive: false }));

export function defaultReferenceData(): Record<ReferenceType, NetSuiteReference[]> {
  return {
    subsidiary: named(1, ['Parent Company', 'Acme US', 'Acme Canada', 'Acme UK', 'Acme Europe', 'Acme Asia']),
    department: [
      ...named(101, [
        'Engineering',
        'Product',
        'Design',
        'Sales',
        'Marketing',
        'Customer Success',
        'Finance',
        'Human Resources',
        'Operations',
        'Legal',
        'IT',
        'Research & Development',
      ]),
      { id: '199', name: 'Old Projects (inactive)', isInactive: true },
    ],
    classification: named(1, ['North America', 'EMEA', 'APAC']),
    location: [
      ...named(11, [
        'Denver, Colorado',
        'New York, New York',
        'Toronto, Ontario',
        'Vancouver, British Columbia',
        'London, UK',
        'Berlin, Germany',
        'Dublin, Ireland',
        'Singapore',
      ]),
      { id: '19', name: 'Closed Office', isInactive: true },
    ],
  };
}

/** A type present in the seed replaces the default list of that type; absent types keep it. */
export function seedReferenceData(seed: NetSuiteReferenceSeed | undefined): Record<ReferenceType, NetSuiteReference[]> {
  const data = defaultReferenceData();
  for (const [type, rows] of Object.entries(seed ?? {}) as Array<[ReferenceType, NonNullable<NetSuiteReferenceSeed[ReferenceType]>]>) {
    if (!(type in data)) throw new RangeError(`unknown reference type ${type}`);
    const ids = new Set<string>();
    data[type] = rows.map((r) => {
      if (!/^\d+$/.test(r.id)) throw new RangeError(`${type} id must be digits: ${r.id}`);
      if (ids.has(r.id)) throw new RangeError(`duplicate ${type} id ${r.id}`);
      ids.add(r.id);
      return { id: r.id, name: r.name, isInactive: r.isInactive ?? false, ...(r.subsidiary ? { subsidiary: [...r.subsidiary] } : {}) };
    });
  }
  return data;
}

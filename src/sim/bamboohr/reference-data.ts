// List-field options (meta/lists): departments, divisions, locations, job titles and
// employment statuses. Names are what BambooHR's classic APIs return, so a row naming a value
// the list does not have yet adds it, as an admin would before entering the row.
import type { ListOption, SimCompanyData, SimLocation } from './model.js';

export class ReferenceData {
  constructor(
    private readonly data: SimCompanyData,
    private readonly createdNow: () => string,
  ) {}

  get departments(): readonly ListOption[] {
    return this.data.departments;
  }
  get divisions(): readonly ListOption[] {
    return this.data.divisions;
  }
  get locations(): readonly SimLocation[] {
    return this.data.locations;
  }
  get jobTitles(): readonly ListOption[] {
    return this.data.jobTitles;
  }
  get employmentStatuses(): readonly ListOption[] {
    return this.data.employmentStatuses;
  }

  addDepartment(name: string): ListOption {
    return this.ensure(this.data.departments, name);
  }
  addDivision(name: string): ListOption {
    return this.ensure(this.data.divisions, name);
  }
  addJobTitle(name: string): ListOption {
    return this.ensure(this.data.jobTitles, name);
  }
  addEmploymentStatusOption(name: string): ListOption {
    return this.ensure(this.data.employmentStatuses, name);
  }

  addLocation(name: string, opts: { currency?: string; division?: string } = {}): SimLocation {
    const existing = this.data.locations.find((l) => l.name === name);
    if (existing) return existing;
    const loc: SimLocation = { ...this.option(name), currency: opts.currency ?? 'USD', division: opts.division ?? 'North America' };
    this.data.locations.push(loc);
    return loc;
  }

  location(name: string): SimLocation | undefined {
    return this.data.locations.find((l) => l.name === name);
  }

  private ensure(list: ListOption[], name: string): ListOption {
    const existing = list.find((o) => o.name === name);
    if (existing) return existing;
    const opt = this.option(name);
    list.push(opt);
    return opt;
  }

  private option(name: string): ListOption {
    if (!name.trim()) throw new RangeError('a list option needs a name');
    return { id: this.data.nextOptionId++, name, archived: false, createdDate: this.createdNow() };
  }
}

// Fixed reference data and name pools for the generated company. Names deliberately include
// the shapes that break naive code: accents, apostrophes, hyphens, right-to-left script, emoji.

export const DEPARTMENTS = [
  'Engineering', 'Product', 'Design', 'Sales', 'Marketing', 'Customer Success',
  'Finance', 'Human Resources', 'Operations', 'Legal', 'IT', 'Research & Development',
] as const;

export const DIVISIONS = ['North America', 'EMEA', 'APAC'] as const;

export const LOCATIONS: ReadonlyArray<{ name: string; currency: string; division: string }> = [
  { name: 'Denver, Colorado', currency: 'USD', division: 'North America' },
  { name: 'New York, New York', currency: 'USD', division: 'North America' },
  { name: 'Toronto, Ontario', currency: 'CAD', division: 'North America' },
  { name: 'Vancouver, British Columbia', currency: 'CAD', division: 'North America' },
  { name: 'London, UK', currency: 'GBP', division: 'EMEA' },
  { name: 'Berlin, Germany', currency: 'EUR', division: 'EMEA' },
  { name: 'Dublin, Ireland', currency: 'EUR', division: 'EMEA' },
  { name: 'Singapore', currency: 'USD', division: 'APAC' },
];

export const IC_TITLES: Readonly<Record<string, readonly string[]>> = {
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer'],
  Product: ['Product Manager', 'Senior Product Manager', 'Product Analyst'],
  Design: ['Product Designer', 'UX Researcher'],
  Sales: ['Account Executive', 'Sales Development Representative', 'Sales Engineer'],
  Marketing: ['Marketing Specialist', 'Content Writer', 'Growth Analyst'],
  'Customer Success': ['Customer Success Manager', 'Support Specialist'],
  Finance: ['Accountant', 'Financial Analyst', 'Payroll Specialist'],
  'Human Resources': ['HR Generalist', 'Recruiter', 'Associate HR Administrator'],
  Operations: ['Operations Analyst', 'Office Coordinator'],
  Legal: ['Counsel', 'Paralegal'],
  IT: ['IT Support Technician', 'Systems Administrator'],
  'Research & Development': ['Research Scientist', 'Lab Technician'],
};

export function managerTitle(department: string): string {
  return `${department} Manager`;
}

export function headTitle(department: string): string {
  return `Head of ${department}`;
}

export const EMPLOYMENT_STATUSES = ['Full-Time', 'Part-Time', 'Contractor', 'Intern', 'Terminated'] as const;

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Amelia',
  'James', 'Harper', 'Benjamin', 'Evelyn', 'Henry', 'Abigail', 'Samuel', 'Emily', 'David',
  'Grace', 'Daniel', 'Chloe', 'Michael', 'Nora', 'Owen', 'Lily', 'Jack', 'Hannah', 'Leo',
  'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Ingrid', 'Lars', 'Aisha', 'Kwame',
  'Sofia', 'Diego', 'Chiara', 'Marco', 'Anya', 'Dmitri', 'Yuki', 'Chen', 'Nadia', 'Tomas',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell',
  'Patel', 'Nguyen', 'Kim', 'Singh', 'Tanaka', 'Müller', 'Rossi', 'Novak', 'Okafor', 'Larsen',
  'Caldwell', 'Fischer',
];

/** Assigned to fixed positions so every generated company contains each awkward shape. */
export const SPECIAL_NAMES: ReadonlyArray<{ firstName: string; lastName: string; preferredName?: string }> = [
  { firstName: 'Siobhán', lastName: "O'Brien" },
  { firstName: 'José', lastName: 'Núñez' },
  { firstName: 'Anne-Marie', lastName: 'Smith-Jones' },
  { firstName: 'נועה', lastName: 'כהן' },
  { firstName: 'Samantha', lastName: 'Reed', preferredName: 'Sam 🚀' },
  { firstName: 'Zoë', lastName: "D'Angelo" },
  { firstName: 'Łukasz', lastName: 'Wójcik' },
  { firstName: 'François', lastName: 'Lefèvre', preferredName: 'Frank' },
];

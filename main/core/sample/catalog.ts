/**
 * Static vocabularies the generator draws from. Values mimic what the Datadog backend writes
 * (see tests/fixtures/rum/api__*.json): "Mac OS X", "Chrome", geo names, etc.
 */

export const FIRST_NAMES = [
  'Alice', 'Bob', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jamal', 'Keiko',
  'Liam', 'Maria', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera',
  'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Alina', 'Ben', 'Chloe', 'Dmitri', 'Emma', 'Finn', 'Hana',
  'Ivan', 'Julia', 'Kofi', 'Lena', 'Mateo', 'Nina', 'Oscar', 'Priya', 'Raj', 'Sofia', 'Tom',
] as const;

export const LAST_NAMES = [
  'Doe', 'Smith', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Kowalski', 'Tanaka', 'Nguyen', 'Okafor',
  'Silva', 'Jensen', 'Ivanova', 'Khan', 'Martin', 'Novak', 'Larsen', 'Moreau', 'Fischer', 'Costa',
  'Brown', 'Wilson', 'Lopez', 'Kim', 'Chen', 'Patel', 'Singh', 'Cohen', 'Haddad', 'Walsh',
] as const;

export const COMPANY_WORDS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent',
  'Tyrell', 'Cyberdyne', 'Wonka', 'Aperture', 'Oscorp', 'Massive', 'Nimbus', 'Vertex', 'Quantum',
  'Blue', 'Red', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Proseware',
] as const;
export const COMPANY_NOUNS = [
  'Dynamics', 'Labs', 'Systems', 'Logistics', 'Health', 'Foods', 'Energy', 'Capital', 'Media',
  'Robotics', 'Analytics', 'Networks', 'Retail', 'Bank', 'Motors', 'Studios', 'Cloud', 'Works',
] as const;
export const COMPANY_SUFFIXES = ['Inc.', 'LLC', 'GmbH', 'Ltd', 'SA', 'Corp', 'Group', ''] as const;

export const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'] as const;

export interface City {
  city: string;
  region: string;
  country: string;
  code: string;
  continent: string;
  continentCode: string;
}

const c = (city: string, region: string, country: string, code: string, continent: string, continentCode: string): City =>
  ({ city, region, country, code, continent, continentCode });

/** Cities with a weight: the US is the largest country on purpose (benchmarks filter on it). */
export const CITIES: ReadonlyArray<readonly [City, number]> = [
  [c('New York', 'New York', 'United States', 'US', 'North America', 'NA'), 10],
  [c('San Francisco', 'California', 'United States', 'US', 'North America', 'NA'), 7],
  [c('Seattle', 'Washington', 'United States', 'US', 'North America', 'NA'), 4],
  [c('Austin', 'Texas', 'United States', 'US', 'North America', 'NA'), 4],
  [c('Chicago', 'Illinois', 'United States', 'US', 'North America', 'NA'), 4],
  [c('Boston', 'Massachusetts', 'United States', 'US', 'North America', 'NA'), 3],
  [c('Denver', 'Colorado', 'United States', 'US', 'North America', 'NA'), 2],
  [c('Toronto', 'Ontario', 'Canada', 'CA', 'North America', 'NA'), 3],
  [c('Montreal', 'Quebec', 'Canada', 'CA', 'North America', 'NA'), 2],
  [c('Mexico City', 'Mexico City', 'Mexico', 'MX', 'North America', 'NA'), 2],
  [c('São Paulo', 'São Paulo', 'Brazil', 'BR', 'South America', 'SA'), 3],
  [c('Buenos Aires', 'Buenos Aires F.D.', 'Argentina', 'AR', 'South America', 'SA'), 1],
  [c('London', 'England', 'United Kingdom', 'GB', 'Europe', 'EU'), 6],
  [c('Manchester', 'England', 'United Kingdom', 'GB', 'Europe', 'EU'), 2],
  [c('Dublin', 'Leinster', 'Ireland', 'IE', 'Europe', 'EU'), 2],
  [c('Paris', 'Île-de-France', 'France', 'FR', 'Europe', 'EU'), 5],
  [c('Lyon', 'Auvergne-Rhône-Alpes', 'France', 'FR', 'Europe', 'EU'), 1],
  [c('Berlin', 'Land Berlin', 'Germany', 'DE', 'Europe', 'EU'), 4],
  [c('Munich', 'Bavaria', 'Germany', 'DE', 'Europe', 'EU'), 2],
  [c('Amsterdam', 'North Holland', 'Netherlands', 'NL', 'Europe', 'EU'), 2],
  [c('Madrid', 'Madrid', 'Spain', 'ES', 'Europe', 'EU'), 2],
  [c('Milan', 'Lombardy', 'Italy', 'IT', 'Europe', 'EU'), 1],
  [c('Stockholm', 'Stockholm', 'Sweden', 'SE', 'Europe', 'EU'), 1],
  [c('Warsaw', 'Mazovia', 'Poland', 'PL', 'Europe', 'EU'), 1],
  [c('Tel Aviv', 'Tel Aviv', 'Israel', 'IL', 'Asia', 'AS'), 1],
  [c('Bengaluru', 'Karnataka', 'India', 'IN', 'Asia', 'AS'), 4],
  [c('Mumbai', 'Maharashtra', 'India', 'IN', 'Asia', 'AS'), 2],
  [c('Singapore', 'Singapore', 'Singapore', 'SG', 'Asia', 'AS'), 2],
  [c('Tokyo', 'Tokyo', 'Japan', 'JP', 'Asia', 'AS'), 3],
  [c('Seoul', 'Seoul', 'South Korea', 'KR', 'Asia', 'AS'), 1],
  [c('Sydney', 'New South Wales', 'Australia', 'AU', 'Oceania', 'OC'), 2],
  [c('Lagos', 'Lagos', 'Nigeria', 'NG', 'Africa', 'AF'), 1],
  [c('Cape Town', 'Western Cape', 'South Africa', 'ZA', 'Africa', 'AF'), 1],
];

export interface App {
  id: string;
  service: string;
  host: string;
}

/** A handful of RUM applications; most users live in the first one. */
export const APPS: ReadonlyArray<readonly [App, number]> = [
  [{ id: 'ac8218cf-498b-4d33-bd44-151095959547', service: 'web-ui', host: 'app.example.com' }, 70],
  [{ id: '5b1c3d4e-7f80-4a9b-8c2d-3e4f5a6b7c8d', service: 'admin-console', host: 'admin.example.com' }, 14],
  [{ id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', service: 'docs-portal', host: 'docs.example.com' }, 10],
  [{ id: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b', service: 'mobile-web', host: 'm.example.com' }, 6],
];

export interface Route {
  /** `view.name`: the route pattern. */
  name: string;
  /** Concrete path; `n` is a skewed small integer so some pages are far more visited. */
  path: (n: number) => string;
  actions: readonly string[];
}

const r = (name: string, path: (n: number) => string, ...actions: string[]): Route => ({ name, path, actions });

export const ROUTES: ReadonlyArray<readonly [Route, number]> = [
  [r('/dashboards/:id', (n) => `/dashboards/${100 + n}`, 'Save dashboard', 'Add widget', 'Change time range', 'Share dashboard', 'Toggle fullscreen'), 30],
  [r('/dashboards', () => '/dashboards', 'New dashboard', 'Search dashboards', 'Open dashboard'), 8],
  [r('/monitors/:id', (n) => `/monitors/${5000 + n * 7}`, 'Mute monitor', 'Edit monitor', 'Resolve', 'Export monitor'), 12],
  [r('/monitors', () => '/monitors', 'Create monitor', 'Filter monitors', 'Open monitor'), 6],
  [r('/logs', () => '/logs', 'Search logs', 'Add facet', 'Export logs', 'Live tail'), 12],
  [r('/apm/services/:service', (n) => `/apm/services/svc-${n % 40}`, 'View traces', 'Change environment', 'Open flame graph'), 8],
  [r('/notebooks/:id', (n) => `/notebooks/${n}`, 'Add cell', 'Run query', 'Share notebook'), 5],
  [r('/reports/:id', (n) => `/reports/${n}`, 'Download report', 'Schedule report'), 4],
  [r('/home', () => '/home', 'Open menu', 'Search', 'Dismiss banner'), 10],
  [r('/settings/profile', () => '/settings/profile', 'Save profile', 'Change password', 'Upload avatar'), 2],
  [r('/settings/team', () => '/settings/team', 'Invite user', 'Remove user', 'Change role'), 2],
  [r('/billing', () => '/billing', 'Update payment method', 'Download invoice'), 1],
];

export const LOGIN_ROUTE: Route = r('/login', () => '/login', 'Sign in', 'Continue with Google', 'Forgot password');

export const ERRORS: ReadonlyArray<readonly [string, string, string]> = [
  // [source, type, message]
  ['source', 'TypeError', "Cannot read properties of undefined (reading 'map')"],
  ['source', 'TypeError', "undefined is not an object (evaluating 'e.data.length')"],
  ['source', 'ReferenceError', 'ResizeObserver is not defined'],
  ['network', 'XHR', 'XHR error POST https://api.example.com/v1/query'],
  ['network', 'Fetch', 'Fetch error GET https://api.example.com/v1/widgets'],
  ['console', 'Error', 'Warning: Each child in a list should have a unique "key" prop.'],
  ['custom', 'ChunkLoadError', 'Loading chunk 412 failed.'],
  ['source', 'Error', 'Script error.'],
];

export const RESOURCES: ReadonlyArray<readonly [string, string, string]> = [
  // [type, method, path]
  ['xhr', 'POST', '/api/v1/query'],
  ['fetch', 'GET', '/api/v1/widgets'],
  ['fetch', 'GET', '/api/v2/users/me'],
  ['xhr', 'GET', '/api/v1/monitors'],
  ['js', 'GET', '/static/js/main.8f2c1a.js'],
  ['css', 'GET', '/static/css/app.41b0e2.css'],
  ['image', 'GET', '/static/img/logo.svg'],
  ['font', 'GET', '/static/fonts/inter.woff2'],
];

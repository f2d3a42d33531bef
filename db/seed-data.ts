// Static material for the demo seed (db/seed.ts): fictional people, the shape of the organisations they
// work in, and the apps and devices that report telemetry. Changing anything here changes the demo that
// the next fresh database gets; an already seeded database keeps the rows it has.

// prettier-ignore
export const GIVEN_NAMES = [
  "Aaliyah", "Adebayo", "Aditi", "Ahmed", "Aiko", "Alejandro", "Amara", "Anders", "Aoife", "Arjun", "Astrid",
  "Beatriz", "Bilal", "Camille", "Chiara", "Chinedu", "Chloé", "Daniel", "Darius", "Eleni", "Elif", "Emeka", "Emma",
  "Esperanza", "Fatima", "Felix", "Freya", "Gabriel", "Hana", "Hannah", "Hamza", "Inês", "Ioana", "Isabela", "Jakob",
  "James", "Javier", "Jin", "Joaquín", "Kavya", "Kemal", "Kofi", "Leila", "Liam", "Lina", "Luca", "Lukas", "Mai",
  "Malik", "Maria", "Mateus", "Maya", "Mehmet", "Mei", "Mikael", "Min-jun", "Nadia", "Nikolai", "Noah", "Nour",
  "Olga", "Oliver", "Omar", "Oskar", "Rafael", "Rania", "Ravi", "Rhys", "Rin", "Saanvi", "Santiago", "Sara", "Seán",
  "Siobhan", "Sofia", "Tariq", "Thabo", "Thanh", "Tomasz", "Valentina", "Wanjiru", "Yara", "Yusuf", "Zainab", "Zoë",
] as const;

// prettier-ignore
export const FAMILY_NAMES = [
  "Abara", "Adeyemi", "Alvarez", "Andersson", "Bauer", "Becker", "Bianchi", "Brennan", "Campbell", "Castillo", "Chen",
  "Choi", "Costa", "Wójcik", "Das", "Dubois", "Eriksen", "Evans", "Fernandes", "Fischer", "Fitzgerald", "García",
  "Haddad", "Hansen", "Hashemi", "Hoffmann", "Horvat", "Hughes", "Ibrahim", "Iyer", "Jansen", "Jovanović", "Kaur",
  "Khan", "Kim", "Kowalczyk", "Kumar", "Laurent", "Lee", "Lindgren", "Lopez", "Mahlangu", "Martin", "Mendes",
  "Moreau", "Murphy", "Mwangi", "Nakamura", "Nguyen", "Novak", "O'Connor", "Okonkwo", "Olsen", "Osei", "Park",
  "Patel", "Petrenko", "Popescu", "Quinn", "Rahman", "Reyes", "Rossi", "Sato", "Schmidt", "Shah", "Silva", "Singh",
  "Suzuki", "Tanaka", "Torres", "Tran", "van der Berg", "Virtanen", "Wagner", "Walsh", "Wang", "Williams", "Yamamoto",
  "Yılmaz", "Zhang", "Ziegler", "Ødegaard",
] as const;

export interface Department {
  name: string;
  /** The head's title; the executive department's head is the organisation's director instead. */
  headTitle: string;
  titles: readonly string[];
}

export const DEPARTMENTS = {
  executive: { name: "Executive", headTitle: "Managing Director", titles: ["Executive Assistant", "Chief of Staff"] },
  sales: {
    name: "Sales",
    headTitle: "Head of Sales",
    titles: [
      "Account Executive",
      "Senior Account Executive",
      "Sales Development Representative",
      "Sales Operations Analyst",
    ],
  },
  customerSuccess: {
    name: "Customer Success",
    headTitle: "Head of Customer Success",
    titles: ["Customer Success Manager", "Onboarding Specialist", "Support Specialist"],
  },
  marketing: {
    name: "Marketing",
    headTitle: "Head of Marketing",
    titles: ["Content Marketer", "Product Marketing Manager", "Marketing Designer", "Events Coordinator"],
  },
  engineering: {
    name: "Engineering",
    headTitle: "VP Engineering",
    titles: [
      "Software Engineer",
      "Senior Software Engineer",
      "Site Reliability Engineer",
      "QA Engineer",
      "Engineering Manager",
    ],
  },
  product: {
    name: "Product",
    headTitle: "Head of Product",
    titles: ["Product Manager", "Product Designer", "UX Researcher"],
  },
  finance: {
    name: "Finance",
    headTitle: "Finance Director",
    titles: ["Accountant", "Financial Analyst", "Payroll Specialist", "Accounts Payable Clerk"],
  },
  people: {
    name: "People",
    headTitle: "Head of People",
    titles: ["HR Business Partner", "Recruiter", "People Operations Coordinator"],
  },
  it: {
    name: "IT",
    headTitle: "Head of IT",
    titles: ["IT Support Analyst", "Systems Administrator", "Network Engineer", "Endpoint Engineer"],
  },
  legal: {
    name: "Legal & Compliance",
    headTitle: "Head of Compliance",
    titles: ["Legal Counsel", "Compliance Analyst", "Privacy Analyst"],
  },
  operations: {
    name: "Operations",
    headTitle: "Head of Operations",
    titles: ["Operations Coordinator", "Office Manager", "Facilities Coordinator", "Procurement Specialist"],
  },
  design: {
    name: "Design",
    headTitle: "Creative Director",
    titles: ["Graphic Designer", "Motion Designer", "Illustrator", "Art Director"],
  },
  production: {
    name: "Production",
    headTitle: "Head of Production",
    titles: ["Producer", "Production Assistant", "Video Editor", "3D Artist"],
  },
  clientServices: {
    name: "Client Services",
    headTitle: "Head of Client Services",
    titles: ["Account Manager", "Project Manager"],
  },
  clinical: {
    name: "Clinical Services",
    headTitle: "Clinical Director",
    titles: ["Registered Nurse", "Care Coordinator", "Clinical Pharmacist", "Physician Assistant"],
  },
  patientSupport: {
    name: "Patient Support",
    headTitle: "Head of Patient Support",
    titles: ["Patient Advocate", "Scheduling Coordinator", "Billing Specialist"],
  },
  partnerServices: {
    name: "Partner Services",
    headTitle: "Head of Partner Services",
    titles: ["Partner Support Engineer", "Partner Success Manager", "Technical Account Manager"],
  },
  platform: {
    name: "Platform Operations",
    headTitle: "Head of Platform Operations",
    titles: ["Site Reliability Engineer", "Operations Engineer", "Security Engineer"],
  },
} as const satisfies Record<string, Department>;

export type DepartmentKey = keyof typeof DEPARTMENTS;

/**
 * Where people sit: locale, time zone and a fictional phone plan. The plans use number ranges set aside
 * for drama and examples (Ofcom 07700 900xxx, Bundesnetzagentur 030 23125xxx, NANP 555-01xx).
 */
export interface Region {
  locale: "en" | "de";
  timeZone: string;
  phonePlan: "uk" | "de" | "us";
}

export const REGIONS = {
  london: { locale: "en", timeZone: "Europe/London", phonePlan: "uk" },
  berlin: { locale: "de", timeZone: "Europe/Berlin", phonePlan: "de" },
  berlinEnglish: { locale: "en", timeZone: "Europe/Berlin", phonePlan: "de" },
  dublin: { locale: "en", timeZone: "Europe/Dublin", phonePlan: "uk" },
  newYork: { locale: "en", timeZone: "America/New_York", phonePlan: "us" },
  chicago: { locale: "en", timeZone: "America/Chicago", phonePlan: "us" },
  losAngeles: { locale: "en", timeZone: "America/Los_Angeles", phonePlan: "us" },
} as const satisfies Record<string, Region>;

export type RegionKey = keyof typeof REGIONS;

export const US_AREA_CODES = ["212", "617", "312", "415", "206"] as const;

// ─── Devices and apps ─────────────────────────────────────────────────────────────────────────────

export type OsName = "iOS" | "Android" | "Windows" | "macOS";

export interface OperatingSystem {
  kind: "mobile" | "desktop";
  /** How common it is among the demo's devices. */
  weight: number;
  /** Versions with how common each is. */
  versions: readonly (readonly [version: string, weight: number])[];
  models: readonly string[];
}

export const OPERATING_SYSTEMS: Record<OsName, OperatingSystem> = {
  iOS: {
    kind: "mobile",
    weight: 26,
    versions: [
      ["17.7.2", 1],
      ["18.6.2", 3],
      ["26.0.1", 3],
      ["26.1", 4],
    ],
    models: [
      "iPhone 13",
      "iPhone 14",
      "iPhone 15",
      "iPhone 15 Pro",
      "iPhone 16",
      "iPhone 16 Pro",
      "iPhone 17",
      "iPad Air (M2)",
    ],
  },
  Android: {
    kind: "mobile",
    weight: 20,
    versions: [
      ["13", 1],
      ["14", 3],
      ["15", 4],
      ["16", 3],
    ],
    models: [
      "Google Pixel 7a",
      "Google Pixel 8",
      "Google Pixel 9 Pro",
      "Samsung Galaxy S23",
      "Samsung Galaxy S24",
      "Samsung Galaxy A55",
      "Fairphone 5",
      "Motorola edge 50",
    ],
  },
  Windows: {
    kind: "desktop",
    weight: 34,
    // Windows 10 22H2, Windows 11 23H2 and 24H2, as the build number apps report.
    versions: [
      ["10.0.19045", 2],
      ["10.0.22631", 4],
      ["10.0.26100", 5],
    ],
    models: [
      "Dell Latitude 5440",
      "Dell XPS 13 9340",
      "Lenovo ThinkPad T14 Gen 4",
      "Lenovo ThinkPad X1 Carbon Gen 12",
      "HP EliteBook 840 G10",
      "Microsoft Surface Laptop 6",
    ],
  },
  macOS: {
    kind: "desktop",
    weight: 20,
    versions: [
      ["14.7.6", 1],
      ["15.6.1", 4],
      ["26.1", 3],
    ],
    models: [
      "MacBook Air (M2)",
      "MacBook Air (M3)",
      "MacBook Pro 14-inch (M3 Pro)",
      "MacBook Pro 16-inch (M4 Max)",
      "Mac mini (M4)",
      "iMac (M4)",
    ],
  },
};

export interface AppRelease {
  version: string;
  /** Days before the seed's anchor the release shipped; the newest release an installation can get then. */
  releasedDaysAgo: number;
}

export interface App {
  name: string;
  os: OsName;
  /** The Helpdesk app goes on every device; companions on some. */
  primary: boolean;
  /** Oldest first. */
  releases: readonly AppRelease[];
}

export const APPS: readonly App[] = [
  {
    name: "Helpdesk for iOS",
    os: "iOS",
    primary: true,
    releases: [
      { version: "5.3.2", releasedDaysAgo: 160 },
      { version: "5.4.0", releasedDaysAgo: 52 },
      { version: "5.4.1", releasedDaysAgo: 17 },
    ],
  },
  {
    name: "Helpdesk for Android",
    os: "Android",
    primary: true,
    releases: [
      { version: "5.3.1", releasedDaysAgo: 158 },
      { version: "5.4.0", releasedDaysAgo: 50 },
      { version: "5.4.2", releasedDaysAgo: 12 },
    ],
  },
  {
    name: "Helpdesk Desktop for Windows",
    os: "Windows",
    primary: true,
    releases: [
      { version: "3.18.0", releasedDaysAgo: 140 },
      { version: "3.19.1", releasedDaysAgo: 61 },
      { version: "3.20.0", releasedDaysAgo: 24 },
    ],
  },
  {
    name: "Helpdesk Desktop for macOS",
    os: "macOS",
    primary: true,
    releases: [
      { version: "3.18.0", releasedDaysAgo: 140 },
      { version: "3.19.1", releasedDaysAgo: 61 },
      { version: "3.20.0", releasedDaysAgo: 24 },
    ],
  },
  {
    name: "Helpdesk Authenticator for iOS",
    os: "iOS",
    primary: false,
    releases: [
      { version: "2.1.0", releasedDaysAgo: 200 },
      { version: "2.2.0", releasedDaysAgo: 45 },
    ],
  },
  {
    name: "Helpdesk Authenticator for Android",
    os: "Android",
    primary: false,
    releases: [
      { version: "2.1.0", releasedDaysAgo: 200 },
      { version: "2.2.0", releasedDaysAgo: 40 },
    ],
  },
  {
    name: "Helpdesk Remote Assist for Windows",
    os: "Windows",
    primary: false,
    releases: [
      { version: "1.7.3", releasedDaysAgo: 120 },
      { version: "1.8.0", releasedDaysAgo: 30 },
    ],
  },
  {
    name: "Helpdesk Remote Assist for macOS",
    os: "macOS",
    primary: false,
    releases: [
      { version: "1.7.3", releasedDaysAgo: 120 },
      { version: "1.8.0", releasedDaysAgo: 30 },
    ],
  },
];

// ─── Privacy policy ───────────────────────────────────────────────────────────────────────────────

export const PRIVACY_POLICY_VERSIONS = [
  {
    version: "2025-09",
    publishedAt: "2025-09-01T09:00:00.000Z",
    significant: false,
    summary: "Our first privacy policy for Glasshouse: what we collect about your account, why, and for how long.",
    body: [
      "Your organisation manages your Glasshouse account. We keep your name, work email, phone, job title and",
      "department, the apps you install and the devices they run on, and a record of every action taken on",
      "your account. Your organisation decides how long that is kept; you can see all of it under My account.",
      "We send you product news only if you agree to it, and you can change your mind at any time.",
    ].join("\n"),
  },
  {
    version: "2026-03",
    publishedAt: "2026-03-02T09:00:00.000Z",
    significant: true,
    summary: "Resellers your organisation approves can now act on your account, and every such action is shown to you.",
    body: [
      "What changed: your organisation may let a reseller's staff help with your account, for a limited time and",
      "with limited rights. Every action they take appears in My account → Activity with their name and the",
      "reason they gave. App-install statistics are now kept for 13 months by default. You can ask for a copy of",
      "your data, a correction, a restriction or its erasure from My account → Privacy.",
    ].join("\n"),
  },
] as const;

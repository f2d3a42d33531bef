// Which PostgreSQL server the tests use (shared by the vitest global setup, which cannot import vitest).

/** The PostgreSQL server tests run on, or undefined for PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

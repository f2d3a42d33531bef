// Organisations and people of a test's own: each call makes a fresh one (slugs and emails numbered), so
// a setting or a lock one test changes never reaches another test in the same file.
import type { Db } from "~db/client";
import type { AccountFixture } from "~db/test-fixtures";
import { createAccount, createOrganisation } from "~db/test-fixtures";

export interface TestOrganisation {
  id: string;
  slug: string;
  name: string;
}

export interface TestPersonRef {
  tenantId: string;
  accountId: string;
  email: string;
  displayName: string;
}

/** `db` is read at each call, since a file's test database opens after the module is loaded. */
export function testPeople(db: () => Db, password: string) {
  let serial = 0;
  return {
    async newOrganisation(name: string): Promise<TestOrganisation> {
      serial += 1;
      return createOrganisation(db(), { slug: `org-${serial}`, name });
    },
    async newPerson(
      org: TestOrganisation,
      displayName: string,
      options: Omit<AccountFixture, "tenantId" | "email" | "displayName" | "password"> = {},
    ): Promise<TestPersonRef> {
      serial += 1;
      const email = `${displayName.split(" ")[0]!.toLowerCase()}${serial}@${org.slug}.example`;
      const { id } = await createAccount(db(), { ...options, tenantId: org.id, email, displayName, password });
      return { tenantId: org.id, accountId: id, email, displayName };
    },
  };
}

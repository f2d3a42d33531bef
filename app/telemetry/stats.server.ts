// The app statistics of /t/:tenant/apps and its CSV export, for a whole organisation or for a few accounts (a
// line manager's direct reports); the caller decides who may read them. Why it stays fast with millions of
// events: installations (one row each, indexed by app and version) answer everything "now" — active
// installations, versions, OS mix, the devices on the oldest versions — and the daily rollups answer installs
// and uninstalls per day. Raw events are read only for a few accounts, through their account index; never for
// a whole organisation. Days are UTC days, as the rollups are kept.
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Tx } from "~db/client";
import { accounts, appInstallations, devices, installDailyRollups, installEvents } from "~db/schema";

export * from "./stats-filters";
import {
  addDays,
  compareVersions,
  OLDEST_DEVICES_SHOWN,
  type AppStats,
  type OldestVersionDevice,
  type StatsFilters,
  type StatsScope,
} from "./stats-filters";

// ─── Queries ─────────────────────────────────────────────────────────────────────────────────────────

function installationScope(tenantId: string, scope: StatsScope): SQL {
  const tenant = eq(appInstallations.tenantId, tenantId);
  return scope.kind === "organisation"
    ? tenant
    : and(tenant, inArray(appInstallations.accountId, [...scope.accountIds]))!;
}

function sumBy<T>(rows: T[], key: (row: T) => string, count: (row: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + count(row));
  return sums;
}

/** Apps in scope with their active installations, most first. */
function loadApps(tx: Tx, tenantId: string, scope: StatsScope) {
  const active = sql<number>`(count(*) filter (where ${appInstallations.uninstalledAt} is null))::int`;
  return tx
    .select({ app: appInstallations.app, active })
    .from(appInstallations)
    .where(installationScope(tenantId, scope))
    .groupBy(appInstallations.app)
    .orderBy(desc(active), asc(appInstallations.app));
}

/** The app's active installations by version and OS: small (versions × systems), filtered in memory. */
function loadActiveMix(tx: Tx, tenantId: string, app: string, scope: StatsScope) {
  return tx
    .select({ version: appInstallations.appVersion, os: appInstallations.os, active: sql<number>`count(*)::int` })
    .from(appInstallations)
    .where(
      and(installationScope(tenantId, scope), eq(appInstallations.app, app), isNull(appInstallations.uninstalledAt)),
    )
    .groupBy(appInstallations.appVersion, appInstallations.os);
}

/** Installs and uninstalls per UTC day: from the rollups for the organisation, from a few accounts' events. */
function loadDays(tx: Tx, tenantId: string, app: string, filters: StatsFilters, scope: StatsScope) {
  if (scope.kind === "organisation") {
    const rollup = installDailyRollups;
    return tx
      .select({
        day: sql<string>`${rollup.day}::text`,
        installs: sql<number>`sum(${rollup.installs})::int`,
        uninstalls: sql<number>`sum(${rollup.uninstalls})::int`,
      })
      .from(rollup)
      .where(
        and(
          eq(rollup.tenantId, tenantId),
          gte(rollup.day, filters.from),
          lte(rollup.day, filters.to),
          eq(rollup.app, app),
          filters.os ? eq(rollup.os, filters.os) : undefined,
          filters.version ? eq(rollup.appVersion, filters.version) : undefined,
        ),
      )
      .groupBy(rollup.day);
  }
  const event = installEvents;
  const day = sql<string>`to_char(${event.occurredAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  return tx
    .select({
      day,
      installs: sql<number>`(count(*) filter (where ${event.kind} = 'install'))::int`,
      uninstalls: sql<number>`(count(*) filter (where ${event.kind} = 'uninstall'))::int`,
    })
    .from(event)
    .where(
      and(
        eq(event.tenantId, tenantId),
        inArray(event.accountId, [...scope.accountIds]),
        gte(event.occurredAt, new Date(`${filters.from}T00:00:00Z`)),
        lt(event.occurredAt, new Date(`${addDays(filters.to, 1)}T00:00:00Z`)),
        // Written out (not as parameters) so that a partial index on these kinds can serve it.
        sql`${event.kind} in ('install', 'uninstall')`,
        eq(event.app, app),
        filters.os ? eq(event.os, filters.os) : undefined,
        filters.version ? eq(event.appVersion, filters.version) : undefined,
      ),
    )
    .groupBy(day);
}

/**
 * Active installations on the versions given (oldest first), oldest version first, then the latest seen. The
 * few rows are chosen first and only then joined to their devices and accounts, so the join never touches
 * more than `limit` of each.
 */
async function loadOldestDevices(
  tx: Tx,
  tenantId: string,
  app: string,
  oldestVersions: string[],
  filters: StatsFilters,
  scope: StatsScope,
  limit: number,
): Promise<OldestVersionDevice[]> {
  if (!oldestVersions.length) return [];
  const rank = sql<number>`array_position(array[${sql.join(
    oldestVersions.map((version) => sql`${version}`),
    sql`, `,
  )}]::text[], ${appInstallations.appVersion})`.as("rank");
  const oldest = tx.$with("oldest").as(
    tx
      .select({
        tenantId: appInstallations.tenantId,
        installationNumber: appInstallations.installationNumber,
        appVersion: appInstallations.appVersion,
        os: appInstallations.os,
        osVersion: appInstallations.osVersion,
        deviceId: appInstallations.deviceId,
        accountId: appInstallations.accountId,
        lastSeenAt: appInstallations.lastSeenAt,
        rank,
      })
      .from(appInstallations)
      .where(
        and(
          installationScope(tenantId, scope),
          eq(appInstallations.app, app),
          inArray(appInstallations.appVersion, oldestVersions),
          isNull(appInstallations.uninstalledAt),
          filters.os ? eq(appInstallations.os, filters.os) : undefined,
        ),
      )
      .orderBy(sql`rank`, desc(appInstallations.lastSeenAt), asc(appInstallations.installationNumber))
      .limit(limit),
  );
  return tx
    .with(oldest)
    .select({
      installationNumber: oldest.installationNumber,
      appVersion: oldest.appVersion,
      os: oldest.os,
      osVersion: oldest.osVersion,
      deviceModel: devices.model,
      deviceIdentifier: devices.deviceIdentifier,
      accountName: accounts.displayName,
      lastSeenAt: oldest.lastSeenAt,
    })
    .from(oldest)
    .leftJoin(devices, and(eq(devices.tenantId, oldest.tenantId), eq(devices.id, oldest.deviceId)))
    .leftJoin(accounts, and(eq(accounts.tenantId, oldest.tenantId), eq(accounts.id, oldest.accountId)))
    .orderBy(oldest.rank, desc(oldest.lastSeenAt), asc(oldest.installationNumber));
}

/** The fewest oldest versions that hold `limit` active installations (all of them when they hold fewer). */
function oldestVersionsHolding(versions: { version: string; active: number }[], limit: number): string[] {
  const chosen: string[] = [];
  let held = 0;
  for (const { version, active } of versions) {
    if (held >= limit) break;
    chosen.push(version);
    held += active;
  }
  return chosen;
}

/**
 * The statistics of one app (the filter's, else the most installed) in scope: a handful of queries, none
 * of which reads a whole organisation's events. `deviceLimit` bounds the oldest-version devices (the page
 * shows 20; the CSV export more).
 */
export async function loadAppStats(
  tx: Tx,
  tenantId: string,
  filters: StatsFilters,
  scope: StatsScope,
  options: { deviceLimit?: number } = {},
): Promise<AppStats> {
  const empty: AppStats = {
    apps: [],
    app: filters.app,
    osOptions: [],
    versionOptions: [],
    active: 0,
    days: [],
    versions: [],
    osMix: [],
    oldestDevices: [],
  };
  if (scope.kind === "accounts" && scope.accountIds.length === 0) return { ...empty, days: everyDay(filters, []) };
  const [apps, preset] = await Promise.all([
    loadApps(tx, tenantId, scope),
    // The app is known already: its statistics are asked for with the apps, not after them.
    filters.app
      ? Promise.all([
          loadActiveMix(tx, tenantId, filters.app, scope),
          loadDays(tx, tenantId, filters.app, filters, scope),
        ])
      : null,
  ]);
  const app = filters.app ?? apps[0]?.app ?? null;
  if (!app) return { ...empty, apps, days: everyDay(filters, []) };
  const [mix, dayRows] =
    preset ??
    (await Promise.all([loadActiveMix(tx, tenantId, app, scope), loadDays(tx, tenantId, app, filters, scope)]));

  const byOs = (row: { os: string }) => !filters.os || row.os === filters.os;
  const byVersion = (row: { version: string }) => !filters.version || row.version === filters.version;
  const shown = mix.filter((row) => byOs(row) && byVersion(row));
  const versions = [
    ...sumBy(
      shown,
      (row) => row.version,
      (row) => row.active,
    ),
  ]
    .map(([version, active]) => ({ version, active }))
    .sort((a, b) => compareVersions(a.version, b.version));
  const osMix = [
    ...sumBy(
      shown,
      (row) => row.os,
      (row) => row.active,
    ),
  ]
    .map(([os, active]) => ({ os, active }))
    .sort((a, b) => b.active - a.active || a.os.localeCompare(b.os));
  const limit = options.deviceLimit ?? OLDEST_DEVICES_SHOWN;
  const oldestDevices = await loadOldestDevices(
    tx,
    tenantId,
    app,
    oldestVersionsHolding(versions, limit),
    filters,
    scope,
    limit,
  );
  return {
    apps,
    app,
    osOptions: [...new Set(mix.map((row) => row.os))].sort((a, b) => a.localeCompare(b)),
    versionOptions: [...new Set(mix.map((row) => row.version))].sort(compareVersions),
    active: shown.reduce((sum, row) => sum + row.active, 0),
    days: everyDay(filters, dayRows),
    versions,
    osMix,
    oldestDevices,
  };
}

function everyDay(filters: StatsFilters, rows: { day: string; installs: number; uninstalls: number }[]) {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const days: AppStats["days"] = [];
  for (let day = filters.from; day <= filters.to; day = addDays(day, 1)) {
    const row = byDay.get(day);
    days.push({ day, installs: row?.installs ?? 0, uninstalls: row?.uninstalls ?? 0 });
  }
  return days;
}

// The console benchmark's data: one organisation as a large customer has it (people with realistic names
// and addresses, roles, line managers, sessions, second factors, legal holds and privacy locks, devices,
// app installations, install events and a long audit trail), written set-based in a few statements per
// table. Deterministic: account N of an organisation always has the id made from md5('<key>:N'), and
// setseed() fixes every draw, so two runs search the same people.
import type postgres from "postgres";

export interface TenantSpec {
  /** Prefix of every generated id and token: unique per organisation. */
  key: string;
  slug: string;
  name: string;
  domain: string;
  accounts: number;
  installEvents: number;
  auditEntries: number;
}

export interface SeededTenant {
  id: string;
  slug: string;
  domain: string;
  adminId: string;
  accounts: number;
}

/** A comma-separated list, across lines (a line break inside an item is a space). */
function list(text: string): string[] {
  return text.split(",").map((item) => item.trim().replace(/\s+/g, " "));
}

// Given names and family names from the UK and elsewhere; family names roughly in order of frequency, drawn
// with a skew so "Smith" names about 1.5 % of people and the last names of the list a few hundred each.
const FIRST_NAMES = list(`
  Olivia, Oliver, Amelia, George, Isla, Harry, Ava, Noah, Emily, Jack, Sophia, Charlie, Grace, Leo, Mia, Jacob,
  Poppy, Freddie, Ella, Alfie, Lily, Oscar, Isabella, Thomas, Jessica, Arthur, Sophie, James, Evie, William, Ruby,
  Henry, Chloe, Joshua, Daisy, Archie, Alice, Muhammad, Mohammed, Ahmed, Fatima, Aisha, Zara, Omar, Yusuf, Priya,
  Ananya, Arjun, Rohan, Sanjay, Deepa, Wei, Li, Jun, Mei, Hiroshi, Yuki, Sakura, Min-jun, Ji-woo, Chinedu, Ngozi,
  Kwame, Ama, Oluwaseun, Adaeze, Tendai, Thabo, Mateo, Sofía, Lucía, José, Ana, João, Inês, Łukasz, Agnieszka,
  Piotr, Katarzyna, Zoë, Chloé, Renée, Søren, Björn, Åsa, Jürgen, Lena, Matthias, Anneke, Pieter, Giulia, Marco,
  Francesca, Luca, Elena, Dmitri, Olga, Nikolai, Siobhan, Niamh, Ciarán, Aoife, Seán, Eilidh, Callum, Morag, Rhys,
  Cerys, Dylan, Megan, Rebecca, Daniel, Samuel, Hannah, Laura, Matthew, David, Sarah, Michael, Emma, Christopher,
  Rachel, Andrew, Helen, Paul, Claire, Mark, Karen, Richard, Susan, Peter, Julie, Stephen, Nicola, Ian, Joanne,
  Gareth, Bethan
`);
const FAMILY_NAMES = list(`
  Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson, Thompson,
  Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris, Clarke, Patel, Jackson, Wood, Turner,
  Martin, Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker, Harrison, Morgan, Allen, James, Scott,
  Phillips, Watson, Davis, Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter, Richardson,
  Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Richards, Khan, Marshall, Anderson, Simpson, Ellis, Adams,
  Singh, Begum, Wilkinson, Foster, Chapman, Powell, Webb, Rogers, Gray, Mason, Ali, Hunt, Hussain, Campbell,
  Matthews, Owen, Palmer, Holmes, Mills, Barnes, Knight, Lloyd, Butler, Russell, Barker, Fisher, Stevens, Jenkins,
  Murray, Dixon, Harvey, Graham, Pearson, Ahmed, Fletcher, Walsh, Kaur, Gibson, Howard, Andrews, Stewart, Elliott,
  Reynolds, Saunders, Payne, Fox, Ford, Pearce, Day, Brooks, West, Lawrence, Cole, Atkinson, Bradley, Spencer,
  Gill, Dawson, Ball, Burton, O'Brien, Watts, Rose, Booth, Perry, Ryan, Grant, Wells, Armstrong, Francis, Rees,
  Hayes, Hart, Hudson, Newman, Barrett, Webster, Hunter, Gregory, Carr, Lowe, Page, Marsh, Riley, Dunn, Woods,
  Parsons, Berry, Stone, Reid, Holland, Hawkins, Harding, Porter, Robertson, Newton, Oliver, Reed, Kennedy,
  Williamson, Bird, Gardner, Shah, Dean, Lane, Cooke, Bates, Henderson, Parry, Burgess, Bishop, Walton, Burns,
  Nicholson, Shepherd, Ross, Cross, Long, Freeman, Warren, Nicholls, Hamilton, Byrne, Sutton, McDonald, Yates,
  Hodgson, Robson, Curtis, Hopkins, O'Connor, Harper, Coleman, Watkins, Moss, McCarthy, Chambers, O'Neill,
  Griffin, Sharp, Hardy, Wheeler, Potter, Osborne, Johnston, Gordon, Doyle, Wallace, George, Jordan, Müller,
  Schmidt, García, Fernández, Nguyen, Kowalski, Nowak, Rossi, Bianchi, Dubois, Lefèvre, Jansen, de Vries,
  Andersson, Nielsen, Hansen, Kim, Wang, Zhang, Chen, Liu, Tanaka, Suzuki, Okafor, Adeyemi, Mensah, Silva, Santos,
  Oliveira, Costa, Ivanova, Novak, Horvat, Papadopoulos, Yılmaz, Kaya, Cohen, Levi, Haddad, Kumar, Sharma, Gupta,
  Reddy, Das, Iyer, Menon, Pillai, Tran, Pham, Hoang, MacLeod, Fraser, Sinclair, Llewellyn
`);
/** Each carried by two or three people of 100,000: what a search for one person's surname looks like. */
export const RARE_FAMILY_NAMES = list(`
  Featherstonehaugh, Quenneville, Zbikowski, Oyelaran, Vanterpool, Thistlethwaite, Achterberg, Ravensworth,
  Częstochowski, Abernethy-Vance
`);
const JOB_TITLES = list(`
  Account Manager, Software Engineer, Senior Software Engineer, Support Specialist, Financial Analyst, Sales
  Executive, Marketing Coordinator, HR Business Partner, Legal Counsel, Operations Manager, Data Analyst, Product
  Manager, Office Manager, IT Technician, Research Scientist, Team Lead
`);
const DEPARTMENTS = list(`
  Sales, Finance, Engineering, Support, Marketing, Legal, People, Operations, IT, Research
`);
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
];
const DEVICE_MODELS = [
  "iPhone 15",
  "iPhone 13",
  "Pixel 8",
  "Galaxy S23",
  "ThinkPad X1 Carbon",
  "MacBook Air M2",
  "Surface Laptop 5",
  "Latitude 7440",
];
const DEVICE_OS = ["iOS", "iOS", "Android", "Android", "Windows", "macOS", "Windows", "Windows"];
const DEVICE_OS_VERSIONS = ["18.1", "17.6", "14", "14", "11 23H2", "14.6", "11 23H2", "10 22H2"];
const APPS = ["Northwind Mail", "Northwind Chat", "Authenticator", "Drive", "Expenses"];
const APP_VERSIONS = ["4.12.0", "4.11.2", "3.9.1", "2.0.5", "1.8.0"];

// Both cases: lower() leaves letters beyond ASCII alone in a database with the C locale.
const ACCENTED = "àáâäãåçèéêëìíîïıñòóôöõøùúûüýÿłśźżćńęÅÖÜÉŁŚŻ";
const PLAIN = "aaaaaaceeeeiiiiinoooooouuuuyylszzcneAOUELSZ";

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function textArray(items: readonly string[]): string {
  return `array[${items.map(literal).join(",")}]::text[]`;
}

/** SQL: the text lower-cased with accents, apostrophes and spaces dropped, as an email's local part. */
function emailPart(column: string): string {
  return `lower(translate(replace(replace(replace(${column}, '''', ''), ' ', ''), 'ß', 'ss'), ${literal(ACCENTED)}, ${literal(PLAIN)}))`;
}

/** Writes one organisation and everything in it, as the owner (row-level security does not apply). */
export async function seedTenant(
  sql: postgres.Sql,
  spec: TenantSpec,
  seed: number,
  log: (line: string) => void = () => {},
): Promise<SeededTenant> {
  const step = async (statement: string) => {
    const started = performance.now();
    await sql.unsafe(statement);
    const seconds = (performance.now() - started) / 1000;
    if (seconds >= 1) log(`  ${statement.trim().split(/\s+/).slice(0, 3).join(" ")}: ${seconds.toFixed(1)} s`);
  };
  const n = spec.accounts;
  const key = spec.key;
  // Shaped as version-4 UUIDs, which is what the app's input schemas accept.
  const idOf = (expression: string) =>
    `overlay(overlay(md5('${key}:' || (${expression})) placing '4' from 13) placing '8' from 17)::uuid`;
  const adminId = idOf("1");
  const [organisation] = await sql<{ id: string }[]>`
    insert into organisations (slug, name, kind, primary_domain)
    values (${spec.slug}, ${spec.name}, 'customer', ${spec.domain}) returning id`;
  const tenantId = organisation!.id;
  const t = literal(tenantId);
  const domain = literal(spec.domain);

  await step(`select setseed(${seed})`);
  await step(`drop table if exists bench_people, bench_devices, bench_installations`);
  // Every tenth person, the organisation's admin (account 1) among them, is a contractor with an address at
  // contractors.<domain>: the bulk suspend's selection (a tenth of the accounts, a few already suspended).
  await step(`
    create temp table bench_people as
    with drawn as (
      select i, ${idOf("i")} as id,
        (${textArray(FIRST_NAMES)})[1 + floor(power(random(), 1.15) * ${FIRST_NAMES.length})::int] as first,
        case when i % 4999 = 17 then (${textArray(RARE_FAMILY_NAMES)})[1 + (i / 4999) % ${RARE_FAMILY_NAMES.length}]
             else (${textArray(FAMILY_NAMES)})[1 + floor(power(random(), 1.3) * ${FAMILY_NAMES.length})::int] end as last,
        random() as r_domain, random() as r_status, random() as r_misc, random() as r_time
      from generate_series(1, ${n}) i
    ), named as (
      select *, ${emailPart("first")} as first_ascii, ${emailPart("last")} as last_ascii,
        case when i % 10 = 1 then 'contractors.' || ${domain} when r_domain < 0.05 then 'labs.' || ${domain}
             else ${domain} end as email_domain,
        case when i % 10 = 1 then (case when i % 20000 = 1 and i > 1 then 'suspended' else 'active' end)
             when r_status < 0.03 then 'suspended' when r_status < 0.04 then 'terminated'
             else 'active' end::account_status as status
      from drawn
    )
    select *, row_number() over (partition by first_ascii, last_ascii, email_domain order by i) as dup from named`);

  await step(`
    insert into accounts (tenant_id, id, email, display_name, given_name, family_name, phone, job_title, department,
      status, manager_id, locale, time_zone, marketing_consent, suspended_at, terminated_at, purge_after,
      last_sign_in_at, created_at, updated_at)
    select ${t}, id,
      case when i = 1 then 'bench.admin@' || email_domain
           else first_ascii || '.' || last_ascii || case when dup > 1 then dup::text else '' end || '@' || email_domain end,
      case when i = 1 then 'Bench Admin'
           when r_misc < 0.05 then first || ' ' || chr(65 + i % 26) || '. ' || last
           else first || ' ' || last end,
      first, last,
      case when r_misc < 0.5 then '+44 7700 ' || lpad((i % 1000000)::text, 6, '0') end,
      (${textArray(JOB_TITLES)})[1 + i % ${JOB_TITLES.length}],
      (${textArray(DEPARTMENTS)})[1 + (i / 7) % ${DEPARTMENTS.length}],
      status,
      case when i > 1000 and i % 10 < 7 then ${idOf("1 + (i * 7919) % 1000")} end,
      case when i % 13 = 0 then 'de' when i % 17 = 0 then 'fr' else 'en' end,
      case when i % 11 = 0 then 'Europe/Berlin' else 'Europe/London' end,
      r_misc < 0.3,
      case when status = 'suspended' then now() - r_time * interval '200 days' end,
      case when status = 'terminated' then now() - r_time * interval '20 days' end,
      case when status = 'terminated' then now() - r_time * interval '20 days' + interval '30 days' end,
      case when r_time < 0.9 then now() - r_time * interval '90 days' end,
      now() - interval '3 years' + (i::float8 / ${n}) * interval '1000 days',
      now() - r_time * interval '30 days'
    from bench_people`);

  await step(`
    insert into password_credentials (tenant_id, account_id, hash)
    select ${t}, id, '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$' || md5(id::text) from bench_people
    where status <> 'terminated'`);

  // Admins: about 0.5 %, mostly helpdesk; the bench's own domain admin is account 1.
  await step(`
    insert into role_assignments (tenant_id, account_id, role, granted_by, granted_at)
    select ${t}, id, role::admin_role, case when i = 1 then null else ${adminId} end, now() - interval '400 days'
    from (
      select i, id, case when i = 1 or i % 5000 = 1 then 'domain_admin' when i % 200 = 50 then 'helpdesk_admin'
                         when i % 3000 = 2 then 'compliance_officer' when i % 4000 = 3 then 'auditor' end as role
      from bench_people where status = 'active'
    ) admins where role is not null`);

  // Sessions: one for about 10 % of the active people, a second for some of them.
  await step(`
    insert into sessions (tenant_id, id, account_id, expires_at, created_at, last_active_at, second_factor_at,
      ip_address, user_agent)
    select ${t}, encode(sha256(convert_to('${key}:session:' || i || ':' || k, 'UTF8')), 'hex'), id,
      now() + interval '10 hours', now() - r_time * interval '3 days', now() - r_misc * interval '2 hours',
      case when k = 1 and i % 20 = 3 then now() - interval '1 hour' end,
      '198.51.100.' || (i % 250), (${textArray(USER_AGENTS)})[1 + (i + k) % ${USER_AGENTS.length}]
    from bench_people, generate_series(1, 2) k
    where status = 'active' and i <> 1 and ((k = 1 and i % 10 = 3) or (k = 2 and i % 30 = 3))`);

  // Second factors: an authenticator app for 20 % (with recovery codes for half of them), a few unconfirmed;
  // passkeys for 10 %, two for some.
  await step(`
    insert into totp_credentials (tenant_id, account_id, secret_encrypted, confirmed_at, created_at)
    select ${t}, id, 'v1.' || encode(sha256(convert_to('${key}:totp:' || i, 'UTF8')), 'base64'),
      case when i % 5 = 0 then now() - r_time * interval '300 days' end, now() - r_time * interval '300 days'
    from bench_people where i % 5 = 0 or i % 97 = 1`);
  await step(`
    insert into recovery_codes (tenant_id, account_id, code_hash, used_at)
    select ${t}, id, encode(sha256(convert_to('${key}:code:' || i || ':' || k, 'UTF8')), 'hex'),
      case when k <= i % 3 then now() - interval '30 days' end
    from bench_people, generate_series(1, 10) k where i % 10 = 0`);
  await step(`
    insert into passkeys (tenant_id, account_id, credential_id, public_key, counter, transports, device_type,
      backed_up, name, created_at, last_used_at)
    select ${t}, id, '${key}-' || encode(sha256(convert_to('${key}:passkey:' || i || ':' || k, 'UTF8')), 'hex'),
      sha256(convert_to('${key}:pk:' || i || ':' || k, 'UTF8')), i % 50, array['internal', 'hybrid'],
      'multiDevice', true, case when k = 1 then 'iCloud Keychain' else 'YubiKey 5C' end,
      now() - r_time * interval '200 days', now() - r_misc * interval '20 days'
    from bench_people, generate_series(1, 2) k where (k = 1 and i % 10 = 7) or (k = 2 and i % 30 = 7)`);

  // Two active legal holds (17 people, 5 of them contractors) and a released one; privacy locks on 20 people,
  // one cleared.
  await step(`
    insert into legal_holds (tenant_id, id, name, description, reference, scope, created_by, created_at,
      released_at, released_by, release_reason)
    values
      (${t}, ${idOf("'hold-1'")}, 'Smith v Northwind', 'Employment tribunal claim', 'LIT-2026-014', 'accounts',
        ${adminId}, now() - interval '60 days', null, null, null),
      (${t}, ${idOf("'hold-2'")}, 'Internal investigation', 'Expense irregularities', 'IR-88', 'accounts',
        ${adminId}, now() - interval '20 days', null, null, null),
      (${t}, ${idOf("'hold-3'")}, 'Regulator enquiry 2025', null, 'REG-2025-3', 'accounts',
        ${adminId}, now() - interval '400 days', now() - interval '100 days', ${adminId}, 'Enquiry closed')`);
  await step(`
    insert into legal_hold_accounts (tenant_id, hold_id, account_id, added_by, added_at)
    select ${t}, case when i % 8311 = 5 then ${idOf("'hold-1'")} when i % 20000 = 4241 then ${idOf("'hold-2'")}
                      else ${idOf("'hold-3'")} end, id, ${adminId}, now() - interval '20 days'
    from bench_people where i % 8311 = 5 or i % 20000 = 4241 or i % 4973 = 9`);
  await step(`
    insert into privacy_locks (tenant_id, account_id, setting, reason, locked_by, locked_at, cleared_at, cleared_by)
    select ${t}, id, case when i % 2 = 0 then 'marketing_consent' else 'display_name' end,
      'Requested by the data protection officer', ${adminId}, now() - interval '10 days',
      case when i % 6661 = 11 and i < 7000 then now() - interval '1 day' end,
      case when i % 6661 = 11 and i < 7000 then ${adminId} end
    from bench_people where i % 6661 = 11 or i % 19997 = 13`);

  // Devices for 80 % of the people (a second for a third of them); one to three apps on each.
  await step(`
    create temp table bench_devices as
    select i, k, ${idOf("'device:' || i || ':' || k")} as device_id, id as account_id,
      'DEV-${key}-' || i || '-' || k as identifier, (i * 3 + k) % ${DEVICE_MODELS.length} as model,
      now() - r_time * interval '700 days' as first_seen
    from bench_people, generate_series(1, 2) k
    where status <> 'terminated' and ((k = 1 and i % 5 <> 4) or (k = 2 and i % 3 = 0))`);
  await step(`
    insert into devices (tenant_id, id, device_identifier, account_id, model, os, os_version, first_seen_at,
      last_seen_at)
    select ${t}, device_id, identifier, account_id, (${textArray(DEVICE_MODELS)})[1 + model],
      (${textArray(DEVICE_OS)})[1 + model], (${textArray(DEVICE_OS_VERSIONS)})[1 + model], first_seen,
      now() - (i % 30) * interval '1 day'
    from bench_devices`);
  await step(`
    create temp table bench_installations as
    select row_number() over (order by d.i, d.k, a) as n, ${idOf("'install:' || d.i || ':' || d.k || ':' || a")} as id,
      d.account_id, d.device_id, d.identifier, d.model, (d.i + d.k + a) % ${APPS.length} as app, d.first_seen
    from bench_devices d, generate_series(1, 3) a
    where a = 1 or (a = 2 and (d.i + d.k) % 2 = 0) or (a = 3 and (d.i + d.k) % 5 = 0)`);
  await step(`create unique index on bench_installations (n)`);
  await step(`
    insert into app_installations (tenant_id, id, installation_number, account_id, device_id, app, app_version, os,
      os_version, first_seen_at, last_seen_at, uninstalled_at)
    select ${t}, id, 'GH-${key}-' || lpad(n::text, 8, '0'), account_id, device_id, (${textArray(APPS)})[1 + app],
      (${textArray(APP_VERSIONS)})[1 + (n % ${APP_VERSIONS.length})], (${textArray(DEVICE_OS)})[1 + model],
      (${textArray(DEVICE_OS_VERSIONS)})[1 + model], first_seen, now() - (n % 20) * interval '1 day',
      case when n % 10 = 0 then now() - (n % 60) * interval '1 day' end
    from bench_installations`);

  // Install events over 13 months, in time order, spread over every installation.
  const [{ count: installations } = { count: 0 }] = await sql<{ count: number }[]>`
    select count(*)::int as count from bench_installations`;
  if (spec.installEvents > 0 && installations > 0) {
    await step(`
      insert into install_events (tenant_id, occurred_at, id, installation_number, kind, account_id, account_ref, app,
        app_version, os, os_version, device_model, device_identifier, received_at)
      select ${t}, e.at, gen_random_uuid(), 'GH-${key}-' || lpad(b.n::text, 8, '0'),
        (case when e.e % 20 = 0 then 'install' when e.e % 20 = 1 then 'uninstall' else 'heartbeat' end)::install_event_kind,
        b.account_id, null, (${textArray(APPS)})[1 + b.app], (${textArray(APP_VERSIONS)})[1 + (b.n % ${APP_VERSIONS.length})],
        (${textArray(DEVICE_OS)})[1 + b.model], (${textArray(DEVICE_OS_VERSIONS)})[1 + b.model],
        (${textArray(DEVICE_MODELS)})[1 + b.model], b.identifier, e.at + interval '2 seconds'
      from (
        select e, now() - interval '395 days' + (e::float8 / ${spec.installEvents}) * interval '395 days' as at,
          1 + (e::bigint * 7919) % ${installations} as n
        from generate_series(1, ${spec.installEvents}) e
      ) e join bench_installations b on b.n = e.n
      order by e.at`);
  }

  // The audit trail: entries about most people, and 400 people with about a hundred each (more than the
  // account page shows). The hashes only look like a chain: nothing here verifies it, and appends made
  // later through the action layer continue from the head.
  if (spec.auditEntries > 0) {
    const heavyStep = Math.max(1, Math.floor(n / 400));
    await step(`
      insert into audit_entries (tenant_id, seq, id, occurred_at, actor_account_id, actor_tenant_id, actor_name,
        actor_role, action, outcome, subject_account_id, target, reason, policy_ids, sentence, changes, request_id,
        ip_address, user_agent, visibility, prev_hash, hash)
      select ${t}, s, gen_random_uuid(), now() - interval '400 days' + (s::float8 / ${spec.auditEntries}) * interval '399 days',
        ${adminId}, ${t}, 'Bench Admin', 'domain_admin', action,
        (case when s % 23 = 0 then 'denied' else 'allowed' end)::audit_outcome,
        ${idOf("subject")}, jsonb_build_object('type', 'account', 'id', ${idOf("subject")}),
        case when action in ('account.suspend', 'account.resetPassword', 'account.resetMfa')
             then 'Ticket ' || (100000 + s) || ': requested by their manager' end,
        array['builtin.admin-acts-in-own-tenant'],
        'Allowed: the actor is a domain admin of this organisation.',
        case when action = 'account.updateProfile' then '{"before":{"jobTitle":"Analyst"},"after":{"jobTitle":"Senior Analyst"}}'::jsonb end,
        'req-' || s, '203.0.113.' || (s % 250), ${literal(USER_AGENTS[0]!)}, 'subject',
        case when s = 1 then repeat('0', 64) else encode(sha256(convert_to('${key}:entry:' || (s - 1), 'UTF8')), 'hex') end,
        encode(sha256(convert_to('${key}:entry:' || s, 'UTF8')), 'hex')
      from (
        select s, case when s % 5 = 0 then 1 + ((s / 5) % 400) * ${heavyStep} else 1 + (s::bigint * 7919) % ${n} end as subject,
          (array['account.updateProfile', 'account.resetPassword', 'account.revokeSessions', 'account.suspend',
                 'account.unsuspend', 'account.resetMfa', 'account.assignRole'])[1 + s % 7] as action
        from generate_series(1, ${spec.auditEntries}) s
      ) entries`);
    await step(`
      insert into audit_chain_heads (tenant_id, seq, hash)
      values (${t}, ${spec.auditEntries}, encode(sha256(convert_to('${key}:entry:${spec.auditEntries}', 'UTF8')), 'hex'))`);
  }
  await step(`drop table bench_people, bench_devices, bench_installations`);
  const [admin] = await sql.unsafe<{ id: string }[]>(`select ${adminId} as id`);
  return { id: tenantId, slug: spec.slug, domain: spec.domain, adminId: admin!.id, accounts: n };
}

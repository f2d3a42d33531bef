// App-install telemetry in English (section telemetry): the app keys page (/t/:tenant/apps/keys), where a
// domain admin creates, rotates and revokes the ingestion keys installed apps report events with, and the
// organisation's app statistics (/t/:tenant/apps).
export const enTelemetry = {
  keys: {
    /** The console's navigation link (app/routes/t.$tenant.tsx). */
    nav: "App keys",
    pageTitle: "App keys · {{organisation}} · Glasshouse",
    title: "App keys",
    lede: "Installed apps report their install, uninstall and heartbeat events to {{organisation}} with an app key. Anyone holding a key can post events as {{organisation}}: keep it in your apps' secret configuration, never in public code. Glasshouse keeps only a fingerprint of each key, so a key is shown once, when it is made.",
    listHeading: "Keys",
    listCaption: "Every app key of this organisation, keys in use first",
    none: "No app key yet: create the first one below.",
    columns: {
      name: "Name",
      prefix: "Key",
      created: "Created",
      lastUsed: "Last used",
      status: "Status",
      actions: "Actions",
    },
    createdBy: "{{when}}, by {{name}}",
    anAdministrator: "an administrator",
    never: "Never",
    status: {
      active: "Active",
      ending: "Ends at {{when}}",
      endingReplaced: "Rotated: replaced by {{replacement}}",
      ended: "Ended at {{when}}, after rotation",
      revoked: "Revoked",
      revokedBy: "{{when}}, by {{name}}",
    },
    rotate: "Rotate",
    rotateHint:
      "Makes a new key with the same name. This one keeps working for 24 hours, so your apps can switch to the new one.",
    rotateResumed: "Your second factor is confirmed: press “Rotate” on {{prefix}} again to rotate it.",
    revoke: "Revoke",
    revokeReason: "Reason (optional)",
    revokeHint: "Ends the key at once: apps that use it are refused from their next request.",
    createHeading: "Create an app key",
    name: "Name",
    nameHint: "Say where it is used, for example “Field app, production”. Up to 100 characters.",
    create: "Create key",
    createResumed: "Your second factor is confirmed: check the name, then create the key again.",
    newKey: {
      heading: "Your new app key",
      created: "App key “{{name}}” is ready.",
      rotated:
        "App key “{{name}}” is rotated. The old key keeps working until {{when}}; put this one into your apps before then.",
      label: "The new key",
      warning: "Store it now; it cannot be shown again.",
      copyHint:
        "Select the key and copy it into your apps' secret configuration. If it is lost, rotate the key to get a new one.",
    },
    revoked: "Revoked: app key “{{name}}” ({{prefix}}) is refused from now on.",
  },
  /** The organisation's app statistics (/t/:tenant/apps) and their CSV export. */
  stats: {
    /** The console's navigation link (app/routes/t.$tenant.tsx). */
    nav: "Apps",
    pageTitle: "Apps · {{organisation}} · Glasshouse",
    title: "Apps",
    lede: "How {{organisation}}'s apps are installed: what is installed now, and what was installed and uninstalled day by day, as the apps report it.",
    reports_one: "Showing your {{count}} direct report: only the apps of the person who reports to you.",
    reports_other: "Showing your {{count}} direct reports: only the apps of the people who report to you.",
    keysLink: "App keys: the keys your apps report with",
    notAllowed: "You may not see this organisation's app statistics.",
    filters: {
      label: "Filter the statistics",
      from: "From",
      to: "To",
      dayHint: "A UTC day, YYYY-MM-DD",
      app: "App",
      os: "Operating system",
      version: "Version",
      any: "Any",
      apply: "Show",
      reset: "Reset",
      fixThem: "Some filters could not be used and were left out: see the fields below.",
    },
    errors: {
      badDay: "Enter a day as YYYY-MM-DD, for example 2026-03-31.",
      fromAfterTo: "The range ends before it starts: choose a last day on or after the first.",
      rangeTooLong: "Choose a range of at most {{max}} days.",
      tooLong: "Keep this to 200 characters or fewer.",
    },
    none: "No app has reported an installation yet.",
    noneReports: "No app has reported an installation by your direct reports yet.",
    active: {
      heading: "Active installations now",
      value_one: "{{formattedCount}} active installation of {{app}}",
      value_other: "{{formattedCount}} active installations of {{app}}",
    },
    daily: {
      heading: "Installs and uninstalls per day",
      caption:
        "Per UTC day (midnight to midnight UTC), {{from}} to {{to}}: {{installs}} installs, {{uninstalls}} uninstalls.",
      chartTitle: "Line chart of installs and uninstalls of {{app}} per UTC day, {{from}} to {{to}}",
      installs: "Installs",
      uninstalls: "Uninstalls",
      day: "Day (UTC)",
      showTable: "The numbers per day",
    },
    versions: {
      heading: "Versions in use",
      caption: "Active installations of {{app}} per version, oldest version first.",
      chartTitle: "Bar chart of active installations of {{app}} per version",
      version: "Version",
      active: "Active installations",
      none: "No active installation.",
    },
    os: {
      heading: "Operating systems",
      caption: "Active installations of {{app}} per operating system.",
      chartTitle: "Bar chart of active installations of {{app}} per operating system",
      os: "Operating system",
      active: "Active installations",
    },
    oldest: {
      heading: "Devices on the oldest versions",
      caption:
        "Up to {{count}} active installations of {{app}} on its oldest versions, oldest first; last seen in {{timeZone}}.",
      version: "Version",
      os: "Operating system",
      model: "Device model",
      identifier: "Device identifier",
      account: "Account",
      lastSeen: "Last seen",
      unattributed: "Not attributed",
      unknown: "Unknown",
      none: "No active installation.",
    },
    csv: {
      download: "Download as CSV",
      columns: {
        app: "App",
        day: "Day (UTC)",
        installs: "Installs",
        uninstalls: "Uninstalls",
        version: "Version",
        os: "Operating system",
        osVersion: "OS version",
        active: "Active installations",
        installationNumber: "Installation number",
        deviceModel: "Device model",
        deviceIdentifier: "Device identifier",
        account: "Account",
        lastSeen: "Last seen (UTC)",
      },
      errors: {
        table: "Choose a table: versions, os, days or devices.",
      },
    },
  },
};

/**
 * The messages the ingestion-key actions write in English (app/actions/ingestion-keys.server.ts): the
 * catalogue's `messages` section holds each so a German reader gets it in German (app/i18n/i18n.ts).
 */
export const enTelemetryMessages = {
  ingestionKeyName: "Give the app key a name.",
  ingestionKeyNameTooLong: "Keep the name to 100 characters or fewer.",
  ingestionKeyChoose: "Choose an app key.",
  ingestionKeyGone: "That app key is not there any more.",
};

/** The same, for messages with values in them (the catalogue's `messagePatterns` section). */
export const enTelemetryMessagePatterns = {
  ingestionKeyRevokedNoRotate:
    "App key '{{name}}' ({{prefix}}) has been revoked; a revoked key cannot be rotated. Create a new one instead.",
  ingestionKeyAlreadyRotated:
    "App key '{{name}}' ({{prefix}}) has already been rotated; rotate its replacement instead.",
  ingestionKeyAlreadyRevoked: "App key '{{name}}' ({{prefix}}) has already been revoked.",
  ingestionKeyAlreadyEnded: "App key '{{name}}' ({{prefix}}) has already ended after its rotation.",
};

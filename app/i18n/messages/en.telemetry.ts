// App-install telemetry in English (section telemetry): for now the app keys page (/t/:tenant/apps/keys),
// where a domain admin creates, rotates and revokes the ingestion keys installed apps report events with.
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

// Every action the product can perform today, by id. An id of the catalogue (app/policy/types.ts) that is
// not here yet is refused like an unknown one.
import type { ActionId } from "~/policy/types";
import type { AnyActionDefinition } from "./action";
import { assignRole, removeRole, resetMfa, revokeSessions } from "./account-access.server";
import { resetPassword } from "./account-password.server";
import { purgeAccount } from "./account-purge.server";
import { restoreAccount, suspendAccount, terminateAccount, unsuspendAccount } from "./account-status.server";
import { updateOrganisationPreferences, updateOrganisationSettings } from "./organisation-settings.server";
import {
  assignRequest,
  completeRequest,
  fulfilErasure,
  refuseRequest,
  requestCorrection,
  requestErasure,
  requestExport,
  requestRestriction,
  respondToRequest,
} from "./data-requests.server";
import { notifyPolicy } from "./privacy-notice.server";
import { delegationDefinitions } from "./delegations.server";
import { operatorDefinitions } from "./operator-actions.server";
import { expiryDefinitions } from "./access-expiry.server";
import { acknowledgePolicy, changeEmail, selfUpdateProfile, setMarketing, setPreferences } from "./self-profile.server";
import { updatePolicy } from "./policy-update.server";
import {
  exportAccount,
  exportAudit,
  viewAccount,
  viewAccountApps,
  viewAudit,
  viewDataRequests,
  viewPolicies,
} from "./reads.server";
import { placeHold, releaseHold, updateHold } from "./holds.server";
import { ingestionKeyDefinitions } from "./ingestion-keys.server";
import { retentionDefinitions } from "./retention.server";
import { viewAppStats } from "./apps-stats.server";
import { clearLock, clearOrganisationLock, setLock, setOrganisationLock } from "./locks.server";
import { setManager, updateProfile } from "./account-profile.server";
import { startBulkRun } from "~/bulk/start.server";
import {
  addPasskey,
  changePassword,
  disableTotp,
  endOtherSessions,
  endSession,
  enrolTotp,
  regenerateRecoveryCodes,
  removePasskey,
  renamePasskey,
} from "./self-security.server";

const definitions: AnyActionDefinition[] = [
  ...delegationDefinitions,
  ...operatorDefinitions,
  ...expiryDefinitions,
  ...ingestionKeyDefinitions,
  ...retentionDefinitions,
  viewAppStats,
  viewAccount,
  viewAccountApps,
  exportAccount,
  suspendAccount,
  unsuspendAccount,
  terminateAccount,
  restoreAccount,
  purgeAccount,
  revokeSessions,
  resetMfa,
  resetPassword,
  assignRole,
  removeRole,
  viewAudit,
  exportAudit,
  viewPolicies,
  updatePolicy,
  updateOrganisationSettings,
  updateOrganisationPreferences,
  placeHold,
  updateHold,
  releaseHold,
  setLock,
  clearLock,
  setOrganisationLock,
  clearOrganisationLock,
  updateProfile,
  setManager,
  changePassword,
  enrolTotp,
  disableTotp,
  regenerateRecoveryCodes,
  addPasskey,
  renamePasskey,
  removePasskey,
  endSession,
  endOtherSessions,
  startBulkRun,
  selfUpdateProfile,
  changeEmail,
  setPreferences,
  setMarketing,
  acknowledgePolicy,
  requestExport,
  requestCorrection,
  requestRestriction,
  requestErasure,
  viewDataRequests,
  notifyPolicy,
  assignRequest,
  respondToRequest,
  completeRequest,
  refuseRequest,
  fulfilErasure,
];

const byId = new Map<ActionId, AnyActionDefinition>(definitions.map((definition) => [definition.id, definition]));

export function getActionDefinition(id: ActionId): AnyActionDefinition | undefined {
  return byId.get(id);
}

export function implementedActionIds(): ActionId[] {
  return [...byId.keys()];
}

// The policy engine the app uses: the schema and the built-in policies are bundled into the server build
// as text (Vite `?raw`), validated when this module loads, and preparsed once. Server-only.
import { createPolicyEngine } from "./cedar.server";
import schemaText from "./glasshouse.cedarschema?raw";

export {
  DEFAULT_DENY,
  STEP_UP_POLICY,
  type BuiltInPolicy,
  type CompiledTenantPolicies,
  type SourceError,
  type TenantPolicySource,
  type TenantValidation,
} from "./cedar.server";

const policyFiles: Record<string, string> = import.meta.glob("./policies/*.cedar", {
  query: "?raw",
  import: "default",
  eager: true,
});

const engine = createPolicyEngine({ schemaText, policyFiles });

export const decide = engine.decide;
export const decideMany = engine.decideMany;
export const validateTenantPolicies = engine.validateTenantPolicies;
export const compileTenantPolicies = engine.compileTenantPolicies;
export const builtInPolicies = engine.builtInPolicies;
export const policySchemaText = engine.schemaText;

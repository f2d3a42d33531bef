// The platform operator's actions: organisations, reseller links and operator access to a customer (issue 8).
import type { AnyActionDefinition } from "./action";

export const operatorDefinitions: AnyActionDefinition[] = [];

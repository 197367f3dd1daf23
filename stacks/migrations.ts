/**
 * Terraform addresses that changed when apps became configuration (issue 9), for `moved` blocks:
 * a deployment made before keeps its container apps (moved in state, then updated in place)
 * instead of destroying and re-creating them. A `moved` whose `from` is not in the state is ignored
 * by Terraform, so new environments are unaffected.
 *
 * Not moved, because they would be replaced anyway: the shared identity
 * `azurerm_user_assigned_identity.workload_identity` (each app now has its own, under a new name:
 * `name` is ForceNew) is destroyed. Its role assignments (`principal_id` is ForceNew) are forgotten
 * rather than destroyed: they sit on the registry, vault, Search and Cosmos account, whose
 * CanNotDelete locks in production refuse deletes under them (409 ScopeLocked), and once the identity
 * is gone they grant nothing. docs/stacks-and-deployment.md lists what the first plan of an
 * existing deployment shows.
 */
import { Construct } from 'constructs';
import { forgetWithoutDestroying } from './constructs/removed';

export const LEGACY_APP_ADDRESSES: Readonly<Record<string, string>> = {
  api: 'azurerm_container_app.api_app',
  'graph-query-api': 'azurerm_container_app.graph_query_api_app',
  frontend: 'azurerm_container_app.frontend_app',
};

/** The shared identity's role assignments: forgotten, not deleted (see above). */
export const LEGACY_SHARED_ASSIGNMENTS: readonly string[] = [
  'azurerm_role_assignment.workload_acr_pull',
  'azurerm_role_assignment.workload_key_vault_secrets_user',
  'azurerm_role_assignment.workload_search_index_reader',
  'azurerm_role_assignment.workload_openai_user',
  'azurerm_cosmosdb_sql_role_assignment.telemetry_db_data_contributor',
];

export function forgetSharedIdentityAssignments(stack: Construct): void {
  for (const address of LEGACY_SHARED_ASSIGNMENTS) forgetWithoutDestroying(stack, address);
}

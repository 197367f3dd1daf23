/**
 * Terraform addresses that changed when apps became configuration (issue 9), for `moved` blocks:
 * a deployment made before keeps its container apps (moved in state, then updated in place)
 * instead of destroying and re-creating them. A `moved` whose `from` is not in the state is ignored
 * by Terraform, so new environments are unaffected.
 *
 * Not moved, because they are replaced anyway: the shared identity `azurerm_user_assigned_identity.workload_identity`
 * (each app now has its own, under a new name: `name` is ForceNew) and its role assignments
 * (`principal_id` is ForceNew on azurerm_role_assignment and azurerm_cosmosdb_sql_role_assignment).
 * docs/stacks-and-deployment.md lists what the first plan of an existing deployment shows.
 */
export const LEGACY_APP_ADDRESSES: Readonly<Record<string, string>> = {
  api: 'azurerm_container_app.api_app',
  'graph-query-api': 'azurerm_container_app.graph_query_api_app',
  frontend: 'azurerm_container_app.frontend_app',
};

/**
 * Resource types that cost nothing by themselves, each with the reason shown in the estimate.
 * Azure types are free configuration objects (the Virtual Network pricing page: virtual networks,
 * subnets, NSGs and their rules, ASGs, route tables, NICs carry no charge; Azure Policy is free for
 * Azure resources; activity log alerts are free); the same types are in Infracost's FreeResources
 * list (internal/providers/terraform/azure/registry.go). Anything billed per use stays out.
 */
export const FREE_TYPES: Record<string, string> = {
  azurerm_resource_group: 'resource groups are free',
  azurerm_user_assigned_identity: 'managed identities are free',
  azurerm_federated_identity_credential: 'federated credentials are free',
  azurerm_role_assignment: 'Azure RBAC role assignments are free',
  azurerm_role_definition: 'Azure RBAC role definitions are free',
  azurerm_cosmosdb_sql_role_assignment: 'Cosmos DB data-plane RBAC is free',
  azurerm_cosmosdb_sql_role_definition: 'Cosmos DB data-plane RBAC is free',
  azurerm_consumption_budget_subscription: 'budgets are free',
  azurerm_consumption_budget_resource_group: 'budgets are free',
  azurerm_consumption_budget_management_group: 'budgets are free',
  azurerm_management_lock: 'resource locks are free',
  azurerm_monitor_diagnostic_setting: 'free to configure; the destination workspace bills ingestion (usage key monthly_ingestion_gb)',
  azurerm_key_vault_secret: 'secrets are billed as vault operations (usage key monthly_operations on the vault)',
  azurerm_key_vault_access_policy: 'access policies are free',
  azurerm_monitor_action_group: 'no charge to create; notifications beyond the monthly free quota are billed per use (not modelled)',
  azurerm_application_insights: 'workspace-based: ingestion is billed on its Log Analytics workspace',
  azurerm_virtual_network: 'virtual networks are free',
  azurerm_subnet: 'subnets are free',
  azurerm_network_security_group: 'network security groups are free',
  azurerm_subnet_network_security_group_association: 'associations are free',
  azurerm_private_dns_zone_virtual_network_link: 'no charge per link; the zone and its queries are billed on the zone',
  azurerm_private_dns_a_record: 'records are included in the zone charge',
  azurerm_network_security_rule: 'NSG rules are free',
  azurerm_application_security_group: 'application security groups are free',
  azurerm_network_interface_security_group_association: 'associations are free',
  azurerm_network_interface_application_security_group_association: 'associations are free',
  azurerm_network_interface: 'network interfaces are free (the VM or service behind them is billed)',
  azurerm_route_table: 'route tables are free',
  azurerm_route: 'routes are free',
  azurerm_subnet_route_table_association: 'associations are free',
  azurerm_private_dns_aaaa_record: 'records are included in the zone charge',
  azurerm_private_dns_cname_record: 'records are included in the zone charge',
  azurerm_private_dns_txt_record: 'records are included in the zone charge',
  azurerm_private_dns_srv_record: 'records are included in the zone charge',
  azurerm_container_registry_scope_map: 'registry scope maps are free',
  azurerm_container_registry_token: 'registry tokens are free',
  azurerm_container_registry_token_password: 'registry token passwords are free',
  azurerm_container_registry_webhook: 'registry webhooks are free (within the SKU\'s webhook quota)',
  azurerm_cosmosdb_sql_stored_procedure: 'runs on the container\'s throughput',
  azurerm_cosmosdb_sql_trigger: 'runs on the container\'s throughput',
  azurerm_cosmosdb_sql_function: 'runs on the container\'s throughput',
  azurerm_monitor_activity_log_alert: 'activity log alerts are free',
  azurerm_policy_definition: 'Azure Policy is free for Azure resources',
  azurerm_policy_set_definition: 'Azure Policy is free for Azure resources',
  azurerm_resource_group_policy_assignment: 'Azure Policy is free for Azure resources',
  azurerm_subscription_policy_assignment: 'Azure Policy is free for Azure resources',
  azurerm_management_group_policy_assignment: 'Azure Policy is free for Azure resources',
  azurerm_management_group: 'management groups are free',
  azurerm_resource_provider_registration: 'registering a resource provider is free',
  // AVM modules' telemetry (Azure/modtm provider): an HTTP event, no Azure resource.
  modtm_telemetry: 'not a cloud resource (module telemetry event)',
  // A POST to an existing resource (listKeys, a restart, ...): it creates nothing billed by itself.
  azapi_resource_action: 'an action on an existing resource; creates nothing billed by itself',
  terraform_data: 'not a cloud resource',
};

/**
 * Providers whose every resource lives only in Terraform state (or on the machine running it):
 * random_*, time_*, tls_* (keys and certificates generated locally), local_* (files), null_*.
 */
const LOCAL_PROVIDER_PREFIXES: Record<string, string> = {
  random_: 'not a cloud resource',
  time_: 'not a cloud resource',
  tls_: 'not a cloud resource (generated locally)',
  local_: 'not a cloud resource (a local file)',
  null_: 'not a cloud resource',
};

/**
 * ARM types (lower case) that cost nothing by themselves, for azapi resources of types the azapi
 * mapping does not read as an azurerm type (src/input/azapi.ts). A Key Vault secret written through
 * ARM (`Microsoft.KeyVault/vaults/secrets`, the control plane) is not mapped to azurerm_key_vault_secret
 * on purpose — rules about the data plane must not read it as one — but it is priced like one: Key
 * Vault bills operations per 10,000 transactions and nothing for a secret existing
 * (azure.microsoft.com/pricing/details/key-vault).
 */
export const FREE_ARM_TYPES: Record<string, string> = {
  'microsoft.keyvault/vaults/secrets': FREE_TYPES.azurerm_key_vault_secret,
};

/** Why a type costs nothing, or undefined when it is not known to be free. */
export function freeReason(type: string): string | undefined {
  if (type in FREE_TYPES) return FREE_TYPES[type];
  for (const prefix in LOCAL_PROVIDER_PREFIXES) if (type.startsWith(prefix)) return LOCAL_PROVIDER_PREFIXES[prefix];
  return undefined;
}

/**
 * Why a resource costs nothing: its type, or for an azapi resource the estimator knows only by its
 * ARM type, that ARM type.
 */
export function freeReasonOf(resource: { type: string; azapi?: { type: string; armType: string } }): string | undefined {
  const byType = freeReason(resource.type);
  if (byType !== undefined || !resource.azapi || resource.type !== resource.azapi.type) return byType;
  return FREE_ARM_TYPES[resource.azapi.armType.toLowerCase()];
}

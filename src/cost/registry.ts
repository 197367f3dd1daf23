/** Which pricer prices which resource type. Types absent here and from FREE_TYPES are listed as unpriced. */
import type { NormalizedResource } from '../input/types';
import type { Pricer, PricerResult } from './pricing';
import { CannotPrice, lookup } from './values';
import { priceContainerApp, priceContainerAppEnvironment, priceContainerAppJob } from './pricers/containerApps';
import { priceContainerRegistry } from './pricers/containerRegistry';
import { priceSearchService } from './pricers/search';
import { priceCosmosAccount, priceCosmosThroughputHolder } from './pricers/cosmos';
import { priceLogAnalyticsWorkspace, priceSentinel } from './pricers/logAnalytics';
import { priceKeyVault, priceKeyVaultKey } from './pricers/keyVault';
import { priceCognitiveAccount, priceCognitiveDeployment } from './pricers/openai';
import { FREE_TYPES, freeReason } from './pricers/free';
import { pricePrivateDnsZone, pricePrivateEndpoint } from './pricers/network';

function priceApplicationInsights(resource: NormalizedResource): PricerResult {
  if (lookup(resource, 'workspace_id').state === 'absent') {
    throw new CannotPrice('classic (not workspace-based) Application Insights is not in the price book');
  }
  return { kind: 'free', reason: FREE_TYPES.azurerm_application_insights };
}

export const PRICERS: Record<string, Pricer> = {
  azurerm_container_app: priceContainerApp,
  azurerm_container_app_job: priceContainerAppJob,
  azurerm_container_app_environment: priceContainerAppEnvironment,
  azurerm_container_registry: priceContainerRegistry,
  azurerm_search_service: priceSearchService,
  azurerm_cosmosdb_account: priceCosmosAccount,
  azurerm_cosmosdb_sql_database: priceCosmosThroughputHolder,
  azurerm_cosmosdb_sql_container: priceCosmosThroughputHolder,
  azurerm_cosmosdb_gremlin_database: priceCosmosThroughputHolder,
  azurerm_cosmosdb_gremlin_graph: priceCosmosThroughputHolder,
  azurerm_cosmosdb_mongo_database: priceCosmosThroughputHolder,
  azurerm_cosmosdb_mongo_collection: priceCosmosThroughputHolder,
  azurerm_log_analytics_workspace: priceLogAnalyticsWorkspace,
  azurerm_sentinel_log_analytics_workspace_onboarding: priceSentinel,
  azurerm_key_vault: priceKeyVault,
  azurerm_key_vault_key: priceKeyVaultKey,
  azurerm_cognitive_deployment: priceCognitiveDeployment,
  azurerm_cognitive_account: priceCognitiveAccount,
  azurerm_application_insights: priceApplicationInsights,
  azurerm_private_endpoint: pricePrivateEndpoint,
  azurerm_private_dns_zone: pricePrivateDnsZone,
};

export function pricerFor(type: string): Pricer | undefined {
  if (type in PRICERS) return PRICERS[type];
  const reason = freeReason(type);
  if (reason !== undefined) return () => ({ kind: 'free', reason });
  return undefined;
}

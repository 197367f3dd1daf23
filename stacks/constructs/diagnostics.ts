/**
 * Diagnostic settings that send every log category group and every metric category of the given
 * resources to Log Analytics, so failures of Cosmos, Search, Key Vault, the registry and OpenAI are
 * visible (audit 000 §5: silent failures).
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';

/**
 * Resource types whose logs have resource-specific Log Analytics tables: Cosmos DB (CDBDataPlaneRequests,
 * CDBGremlinRequests, …) and Container Registry (ContainerRegistryLoginEvents, …RepositoryEvents).
 * Every other type here writes only to AzureDiagnostics: AI Search and Cognitive Services (OpenAI)
 * accept "Dedicated" but the API reads it back as null, so azurerm (log_analytics_destination_type is
 * Optional+Computed in monitor_diagnostic_setting_resource.go) shows a change on every plan.
 * Key Vault is left on the default as well until its resource-specific tables are documented as GA.
 */
export const RESOURCE_SPECIFIC_TABLE_TYPES: ReadonlySet<string> = new Set(['azurerm_cosmosdb_account', 'azurerm_container_registry']);

/**
 * Metric categories a diagnostic setting enables, by target type. Most resource types expose one
 * category, `AllMetrics`; Cosmos DB accounts (Microsoft.DocumentDB/databaseAccounts) expose `Requests`
 * and `SLI` instead (Azure Monitor "Supported metrics - Microsoft.DocumentDB/DatabaseAccounts", metrics
 * grouped under Category: Requests / SLI; Azure/terraform-azurerm-avm-res-documentdb-databaseaccount
 * issue #101 "endless loop creating diagnostic settings", fixed in PR #106). ARM accepts `AllMetrics`
 * there but reads back the real categories, and azurerm stores what it reads
 * (flattenMonitorDiagnosticEnabledMetrics in monitor/monitor_diagnostic_setting_resource.go, v4.55.0),
 * so `AllMetrics` on a Cosmos account shows a change on every plan. Key Vault, Container Registry,
 * AI Search and Cognitive Services (OpenAI) have no metric categories of their own: `AllMetrics`.
 */
export const METRIC_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  azurerm_cosmosdb_account: ['Requests', 'SLI'],
};
const DEFAULT_METRIC_CATEGORIES: readonly string[] = ['AllMetrics'];

/** The metric categories a setting on a resource of this Terraform type enables. */
export function metricCategories(terraformResourceType: string): readonly string[] {
  return METRIC_CATEGORIES[terraformResourceType] ?? DEFAULT_METRIC_CATEGORIES;
}

/** A resource a setting is attached to: its Terraform type decides the destination table type and metric categories. */
export interface DiagnosticsTarget {
  readonly terraformResourceType: string;
  readonly id: string;
}

export interface DiagnosticsProps {
  workspaceId: string;
  /** Resources by a short key used in the setting's construct id (`cosmos-graph`, `key-vault`…). */
  targets: Record<string, DiagnosticsTarget>;
}

export class Diagnostics extends Construct {
  readonly settings: MonitorDiagnosticSetting[] = [];

  constructor(scope: Construct, id: string, props: DiagnosticsProps) {
    super(scope, id);
    for (const [key, target] of Object.entries(props.targets)) {
      this.settings.push(
        new MonitorDiagnosticSetting(this, key, {
          name: 'to-log-analytics',
          targetResourceId: target.id,
          logAnalyticsWorkspaceId: props.workspaceId,
          // Resource-specific tables (cheaper queries, per-table retention) where the service has them;
          // otherwise omitted, i.e. AzureDiagnostics, which the API then reports back unchanged.
          ...(RESOURCE_SPECIFIC_TABLE_TYPES.has(target.terraformResourceType) ? { logAnalyticsDestinationType: 'Dedicated' } : {}),
          // The `allLogs` group follows new categories the service adds later.
          enabledLog: [{ categoryGroup: 'allLogs' }],
          enabledMetric: metricCategories(target.terraformResourceType).map((category) => ({ category })),
        }),
      );
    }
  }
}

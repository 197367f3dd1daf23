/**
 * Diagnostic settings that send every log category group and all metrics of the given resources
 * to Log Analytics, so failures of Cosmos, Search, Key Vault, the registry and OpenAI are
 * visible (audit 000 §5: silent failures).
 */
import { Construct } from 'constructs';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';

export interface DiagnosticsProps {
  workspaceId: string;
  /** Resource IDs by a short key used in the setting's construct id (`cosmos-graph`, `key-vault`…). */
  targets: Record<string, string>;
}

export class Diagnostics extends Construct {
  readonly settings: MonitorDiagnosticSetting[] = [];

  constructor(scope: Construct, id: string, props: DiagnosticsProps) {
    super(scope, id);
    for (const [key, targetResourceId] of Object.entries(props.targets)) {
      this.settings.push(
        new MonitorDiagnosticSetting(this, key, {
          name: 'to-log-analytics',
          targetResourceId,
          logAnalyticsWorkspaceId: props.workspaceId,
          // Resource-specific tables: cheaper queries and per-table retention.
          logAnalyticsDestinationType: 'Dedicated',
          // The `allLogs` group follows new categories the service adds later.
          enabledLog: [{ categoryGroup: 'allLogs' }],
          enabledMetric: [{ category: 'AllMetrics' }],
        }),
      );
    }
  }
}

/**
 * Log Analytics workspace with explicit retention and a daily ingestion cap. The audited system
 * ingested container logs without a cap (audit 000 §1); the provider default `daily_quota_gb = -1`
 * means unlimited, so the cap is a required prop here.
 */
import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';

export interface LogAnalyticsProps {
  name: string;
  resourceGroupName: string;
  location: string;
  /** Days to keep data (30-730). Required: the provider's computed default is not visible in the plan. */
  retentionInDays: number;
  /** Ingestion cap in GB/day (must be > 0; -1 would be unlimited). */
  dailyQuotaGb: number;
}

export class LogAnalytics extends Construct {
  readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: LogAnalyticsProps) {
    super(scope, id);
    if (!(props.dailyQuotaGb > 0)) throw new Error(`${id}: dailyQuotaGb must be positive (unlimited ingestion is not allowed)`);
    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      // Pay-as-you-go per GB: no commitment tier for a platform that mostly idles.
      sku: 'PerGB2018',
      retentionInDays: props.retentionInDays,
      dailyQuotaGb: props.dailyQuotaGb,
      // Shared-key auth stays on: the Container Apps environment ships logs with the workspace key.
    });
  }

  get id(): string {
    return this.workspace.id;
  }
}

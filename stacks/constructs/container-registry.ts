/**
 * Container registry pulled by managed identity only: the audited system enabled the ACR admin
 * user, a shared credential never rotated (audit 000 §2, §9.2).
 */
import { Construct } from 'constructs';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';

export interface RegistryProps {
  name: string;
  resourceGroupName: string;
  location: string;
  sku: 'Basic' | 'Standard' | 'Premium';
  /** Public IP ranges allowed when the SKU supports network rules (Premium only). */
  allowedIpRanges: string[];
}

export class Registry extends Construct {
  readonly registry: ContainerRegistry;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const premium = props.sku === 'Premium';
    this.registry = new ContainerRegistry(this, 'registry', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: props.sku,
      // No shared admin credential: pulls use the workload identity (AcrPull).
      adminEnabled: false,
      // No unauthenticated pulls (explicit: the provider has no schema default).
      anonymousPullEnabled: false,
      // Network rules exist only on Premium; lower SKUs rely on Entra-authenticated pulls.
      ...(premium
        ? {
            networkRuleSet: [
              { defaultAction: 'Deny', ipRule: props.allowedIpRanges.map((ipRange) => ({ action: 'Allow', ipRange })) },
            ],
          }
        : {}),
    });
  }

  get id(): string {
    return this.registry.id;
  }
  get loginServer(): string {
    return this.registry.loginServer;
  }
}

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
  /** Premium: the only SKU whose public network access can be disabled (private endpoint). */
  sku: 'Premium';
}

export class Registry extends Construct {
  readonly registry: ContainerRegistry;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    this.registry = new ContainerRegistry(this, 'registry', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: props.sku,
      // No shared admin credential: pulls use the workload identity (AcrPull).
      adminEnabled: false,
      // No unauthenticated pulls (explicit: the provider has no schema default).
      anonymousPullEnabled: false,
      // Pulls go through the private endpoint; images cannot be exported out of the registry.
      publicNetworkAccessEnabled: false,
      exportPolicyEnabled: false,
    });
  }

  get id(): string {
    return this.registry.id;
  }
  get loginServer(): string {
    return this.registry.loginServer;
  }
}

/**
 * Key Vault holding the few secrets that still exist (the Gremlin account key). Access is by
 * Azure RBAC only, the vault cannot be purged while soft-deleted, and it is reachable only through
 * its private endpoint (audit 000 §9.1: the Cosmos key belongs in Key Vault, not in a deployment output).
 * The deployer has no data-plane role here: Terraform writes secrets through Azure Resource Manager
 * (see cosmos-graph.ts), so no role assignment depends on who runs `cdktf deploy`.
 */
import { Construct } from 'constructs';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { forgetWithoutDestroying } from './removed';

export interface VaultProps {
  name: string;
  resourceGroupName: string;
  location: string;
  tenantId: string;
  skuName: 'standard' | 'premium';
  /** Days a deleted vault/secret stays recoverable (7-90; can be set only once). */
  softDeleteRetentionDays: number;
}

export class Vault extends Construct {
  readonly vault: KeyVault;

  constructor(scope: Construct, id: string, props: VaultProps) {
    super(scope, id);
    this.vault = new KeyVault(this, 'vault', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: props.skuName,
      // Azure RBAC instead of access policies (the 4.x attribute name; enable_rbac_authorization is deprecated).
      rbacAuthorizationEnabled: true,
      // Deleted secrets and the vault itself cannot be purged before the retention ends.
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: props.softDeleteRetentionDays,
      // Private endpoint only; the ACL denies by default should public access ever be re-enabled.
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    });
    // Releases before this one gave the deployer Key Vault Secrets Officer (principal from the current
    // client, ForceNew): forget it rather than delete it, which under the production lock fails with
    // ScopeLocked. The runbook says how to remove the leftover assignment.
    forgetWithoutDestroying(this, `azurerm_role_assignment.${this.vault.friendlyUniqueId.replace(/_vault$/, '')}_deployer_secrets_officer`);
  }

  get id(): string {
    return this.vault.id;
  }
  get uri(): string {
    return this.vault.vaultUri;
  }
}

/**
 * Key Vault holding the few secrets that still exist (the Gremlin account key). Access is by
 * Azure RBAC only, the vault cannot be purged while soft-deleted, and it is reachable only through
 * its private endpoint (audit 000 §9.1: the Cosmos key belongs in Key Vault, not in a deployment output).
 */
import { Construct } from 'constructs';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';

export interface VaultProps {
  name: string;
  resourceGroupName: string;
  location: string;
  tenantId: string;
  skuName: 'standard' | 'premium';
  /** Days a deleted vault/secret stays recoverable (7-90; can be set only once). */
  softDeleteRetentionDays: number;
  /** Object ID of the principal running `cdktf deploy`; it gets Key Vault Secrets Officer to write secrets. */
  deployerObjectId: string;
}

export class Vault extends Construct {
  readonly vault: KeyVault;
  /** The deployer's data-plane role; secrets written by Terraform must depend on it. */
  readonly deployerAccess: RoleAssignment;

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
    this.deployerAccess = new RoleAssignment(this, 'deployer-secrets-officer', {
      scope: this.vault.id,
      roleDefinitionName: 'Key Vault Secrets Officer',
      principalId: props.deployerObjectId,
    });
  }

  get id(): string {
    return this.vault.id;
  }
  get uri(): string {
    return this.vault.vaultUri;
  }
}

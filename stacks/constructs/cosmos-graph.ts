/**
 * Cosmos DB for Apache Gremlin: the network topology graph. Gremlin still needs an account key
 * (azurerm 4.55 has no Gremlin data-plane role resources), so the key is written to Key Vault and
 * apps read it by reference; no output carries it (audit 000 §2, §9.1).
 *
 * The secret is written through Azure Resource Manager (azapi, `Microsoft.KeyVault/vaults/secrets`),
 * not the vault's data plane: `azurerm_key_vault_secret` reads the data plane before it creates and on
 * every refresh (keyvault/key_vault_secret_resource.go), which from outside the VNet fails against a
 * vault with public access off, and right after the deployer's role assignment fails until RBAC has
 * propagated. The ARM write needs `Microsoft.KeyVault/vaults/secrets/write` (Owner, Contributor, Key
 * Vault Contributor), no data-plane role and no network path to the vault.
 */
import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbGremlinDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-gremlin-database';
import { CosmosdbGremlinGraph } from '@cdktf/provider-azurerm/lib/cosmosdb-gremlin-graph';
import { cosmosAccountBase, CosmosAccountCommonProps } from './cosmos-common';
import { ArmRead, ArmResource } from './azapi';

/** The Key Vault secret holding the account key. */
export const GREMLIN_KEY_SECRET_NAME = 'cosmos-gremlin-key';

/** Where releases before the ARM-written secret kept it (azurerm, data plane). */
export const LEGACY_KEY_SECRET_ADDRESS = 'azurerm_key_vault_secret.graph_db_key_secret';

export interface CosmosGraphProps extends CosmosAccountCommonProps {
  database: string;
  graph: string;
  partitionKeyPath: string;
  /** Autoscale ceiling (RU/s) for provisioned accounts; omitted when serverless. */
  maxThroughput?: number;
  /** Vault receiving the account key. */
  keyVaultId: string;
}

/** A Key Vault secret written through ARM; `versionlessId` is what apps reference. */
export class ArmKeyVaultSecret extends ArmResource {
  /** `https://<vault>.vault.azure.net/secrets/<name>`: always the latest version; referencing it orders readers after the write. */
  get versionlessId(): string {
    return this.output('properties.secretUri');
  }
}

export class CosmosGraph extends Construct {
  readonly account: CosmosdbAccount;
  readonly database: CosmosdbGremlinDatabase;
  readonly graph: CosmosdbGremlinGraph;
  /** Key Vault secret holding the primary key; reference it, never its value. */
  readonly keySecret: ArmKeyVaultSecret;
  /** When the account's primary key was generated (ARM `keysMetadata`), read at every plan. */
  readonly keyGeneratedAt: ArmRead;

  constructor(scope: Construct, id: string, props: CosmosGraphProps) {
    super(scope, id);
    this.account = new CosmosdbAccount(this, 'account', {
      ...cosmosAccountBase(props, ['EnableGremlin']),
      // Gremlin has no Entra data-plane auth in this provider version: keys stay enabled here only.
      localAuthenticationDisabled: false,
    });
    this.database = new CosmosdbGremlinDatabase(this, 'database', {
      name: props.database,
      resourceGroupName: props.resourceGroupName,
      accountName: this.account.name,
    });
    this.graph = new CosmosdbGremlinGraph(this, 'graph', {
      name: props.graph,
      resourceGroupName: props.resourceGroupName,
      accountName: this.account.name,
      databaseName: this.database.name,
      partitionKeyPath: props.partitionKeyPath,
      ...(props.maxThroughput ? { autoscaleSettings: { maxThroughput: props.maxThroughput } } : {}),
    });
    // The write-only value is sent again only when its version changes. The version is the time the
    // primary key was generated (`properties.keysMetadata.primaryMasterKey.generationTime` of the account,
    // read through ARM), so a recreated account or a regenerated key rewrites the secret on the next
    // deploy, while an unchanged key sends nothing. Accounts without that field fall back to the ID.
    this.keyGeneratedAt = new ArmRead(this, 'key-metadata', {
      type: 'Microsoft.DocumentDB/databaseAccounts@2024-11-15',
      resourceId: this.account.id,
      responseExportValues: { generated_at: 'properties.keysMetadata.primaryMasterKey.generationTime' },
    });
    this.keySecret = new ArmKeyVaultSecret(this, 'key-secret', {
      type: 'Microsoft.KeyVault/vaults/secrets@2023-07-01',
      name: GREMLIN_KEY_SECRET_NAME,
      parentId: props.keyVaultId,
      body: { properties: { contentType: 'Cosmos DB Gremlin account key' } },
      // Write-only (Terraform >= 1.11): sent to ARM, kept neither in the plan nor in this resource's state
      // (the account's own state still holds primary_key: state is a secret either way).
      sensitiveBody: { properties: { value: this.account.primaryKey } },
      sensitiveBodyVersion: { 'properties.value': Fn.coalesce([this.keyGeneratedAt.output('generated_at'), this.account.id]) },
      responseExportValues: ['properties.secretUri'],
    });
    // Releases before the ARM write used azurerm_key_vault_secret (data plane), whose secret still exists
    // in Azure under the same vault and name. Forgetting it and creating this resource fails: azapi's
    // create reads first and refuses an existing resource ("Resource already exists … needs to be
    // imported": CreateUpdate in internal/services/azapi_resource.go). So the state is moved instead
    // (Terraform >= 1.8 moves across resource types when the target resource implements MoveResourceState:
    // terraform-plugin-framework docs "State move"; azapi_resource does, reliably from 2.12.0, see AZAPI_VERSION) and the next apply updates the secret in place, sending the value
    // because the moved state has no sensitive_body_version yet. A move whose source is not in the
    // state is ignored, so new environments are unaffected.
    this.keySecret.moveFromId(LEGACY_KEY_SECRET_ADDRESS);
  }

  get id(): string {
    return this.account.id;
  }
  /** The Gremlin WebSocket endpoint (not a secret). */
  get gremlinEndpoint(): string {
    return `wss://${this.account.name}.gremlin.cosmos.azure.com:443/`;
  }
}

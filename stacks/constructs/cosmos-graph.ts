/**
 * Cosmos DB for Apache Gremlin: the network topology graph. Gremlin still needs an account key
 * (azurerm 4.55 has no Gremlin data-plane role resources), so the key is written to Key Vault as a
 * write-only secret value (never stored in the secret's state) and apps read it by reference; no
 * output carries it (audit 000 §2, §9.1).
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbGremlinDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-gremlin-database';
import { CosmosdbGremlinGraph } from '@cdktf/provider-azurerm/lib/cosmosdb-gremlin-graph';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { cosmosAccountBase, CosmosAccountCommonProps } from './cosmos-common';

export interface CosmosGraphProps extends CosmosAccountCommonProps {
  database: string;
  graph: string;
  partitionKeyPath: string;
  /** Autoscale ceiling (RU/s) for provisioned accounts; omitted when serverless. */
  maxThroughput?: number;
  /** Vault receiving the account key, and what writing to it depends on (the deployer's role). */
  keyVaultId: string;
  keyVaultDependsOn: ITerraformDependable[];
  /** Bump to rotate: write-only values are re-sent only when the version changes. */
  keySecretVersion: number;
}

export class CosmosGraph extends Construct {
  readonly account: CosmosdbAccount;
  readonly database: CosmosdbGremlinDatabase;
  readonly graph: CosmosdbGremlinGraph;
  /** Key Vault secret holding the primary key; reference it, never its value. */
  readonly keySecret: KeyVaultSecret;

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
    this.keySecret = new KeyVaultSecret(this, 'key-secret', {
      name: 'cosmos-gremlin-key',
      keyVaultId: props.keyVaultId,
      contentType: 'Cosmos DB Gremlin account key',
      // Write-only (Terraform >= 1.11): the key is sent to Key Vault but not kept in this resource's state.
      valueWo: this.account.primaryKey,
      valueWoVersion: props.keySecretVersion,
      dependsOn: props.keyVaultDependsOn,
    });
  }

  get id(): string {
    return this.account.id;
  }
  /** The Gremlin WebSocket endpoint (not a secret). */
  get gremlinEndpoint(): string {
    return `wss://${this.account.name}.gremlin.cosmos.azure.com:443/`;
  }
}

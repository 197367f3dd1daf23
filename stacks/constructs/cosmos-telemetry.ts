/**
 * Cosmos DB for NoSQL: telemetry. Keys are disabled (Entra ID only); each app that declares
 * `uses.cosmosTelemetry` gets a built-in data role on the database through a Cosmos SQL role
 * assignment of its own (stacks/constructs/platform-app.ts).
 */
import { Construct } from 'constructs';
import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbSqlDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-database';
import { CosmosdbSqlContainer } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-container';
import { cosmosAccountBase, CosmosAccountCommonProps } from './cosmos-common';

/** Built-in data-plane role definitions: "Cosmos DB Built-in Data Reader" and "… Data Contributor". */
export const COSMOS_DATA_READER_ROLE = '00000000-0000-0000-0000-000000000001';
export const COSMOS_DATA_CONTRIBUTOR_ROLE = '00000000-0000-0000-0000-000000000002';

export interface CosmosTelemetryProps extends CosmosAccountCommonProps {
  database: string;
  containers: string[];
  partitionKeyPath: string;
  maxThroughput?: number;
}

export class CosmosTelemetry extends Construct {
  readonly account: CosmosdbAccount;
  readonly database: CosmosdbSqlDatabase;
  readonly containers: CosmosdbSqlContainer[];

  constructor(scope: Construct, id: string, props: CosmosTelemetryProps) {
    super(scope, id);
    this.account = new CosmosdbAccount(this, 'account', {
      ...cosmosAccountBase(props, []),
      // NoSQL supports Entra data-plane auth: account keys are switched off.
      localAuthenticationDisabled: true,
    });
    this.database = new CosmosdbSqlDatabase(this, 'database', {
      name: props.database,
      resourceGroupName: props.resourceGroupName,
      accountName: this.account.name,
    });
    this.containers = props.containers.map(
      (name) =>
        new CosmosdbSqlContainer(this, `container-${name.toLowerCase()}`, {
          name,
          resourceGroupName: props.resourceGroupName,
          accountName: this.account.name,
          databaseName: this.database.name,
          partitionKeyPaths: [props.partitionKeyPath],
          ...(props.maxThroughput ? { autoscaleSettings: { maxThroughput: props.maxThroughput } } : {}),
        }),
    );
  }

  get id(): string {
    return this.account.id;
  }
  get name(): string {
    return this.account.name;
  }
  get endpoint(): string {
    return this.account.endpoint;
  }
}

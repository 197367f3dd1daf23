/**
 * Cosmos DB for NoSQL: telemetry. Keys are disabled (Entra ID only); the workload identity gets
 * the built-in Data Contributor role on the account through a Cosmos SQL role assignment.
 */
import { Construct } from 'constructs';
import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbSqlDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-database';
import { CosmosdbSqlContainer } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-container';
import { CosmosdbSqlRoleAssignment } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment';
import { cosmosAccountBase, CosmosAccountCommonProps } from './cosmos-common';

/** Built-in "Cosmos DB Built-in Data Contributor" data-plane role definition. */
export const COSMOS_DATA_CONTRIBUTOR_ROLE = '00000000-0000-0000-0000-000000000002';

export interface CosmosTelemetryProps extends CosmosAccountCommonProps {
  database: string;
  containers: string[];
  partitionKeyPath: string;
  maxThroughput?: number;
  /** Principal (workload identity) granted data-plane read/write. */
  dataContributorPrincipalId: string;
}

export class CosmosTelemetry extends Construct {
  readonly account: CosmosdbAccount;
  readonly database: CosmosdbSqlDatabase;
  readonly containers: CosmosdbSqlContainer[];
  readonly dataAccess: CosmosdbSqlRoleAssignment;

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
    this.dataAccess = new CosmosdbSqlRoleAssignment(this, 'data-contributor', {
      resourceGroupName: props.resourceGroupName,
      accountName: this.account.name,
      roleDefinitionId: `${this.account.id}/sqlRoleDefinitions/${COSMOS_DATA_CONTRIBUTOR_ROLE}`,
      principalId: props.dataContributorPrincipalId,
      scope: this.account.id,
    });
  }

  get id(): string {
    return this.account.id;
  }
  get endpoint(): string {
    return this.account.endpoint;
  }
}

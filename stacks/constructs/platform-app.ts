/**
 * One app of the platform as its configuration declares it: its own user-assigned identity, the
 * roles its `uses` name (each on the one resource it needs, read-only unless `write`), the
 * endpoints it uses as environment variables, and the container app, created only once its
 * identity's roles have propagated and the registry and vault are reachable privately.
 *
 * One identity per app is least privilege per workload: the internet-facing frontend of the audited
 * system shared an identity that could read the Gremlin key and write telemetry (issue 9).
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { CosmosdbSqlRoleAssignment } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import type { ContainerAppConfig } from '../config/schema';
import { KeyVaultSecretReference, ServiceApp } from './container-app';
import { COSMOS_DATA_CONTRIBUTOR_ROLE, COSMOS_DATA_READER_ROLE } from './cosmos-telemetry';


/**
 * How long to wait after an app's role assignments are created before the app is: Azure RBAC
 * changes "can take up to 10 minutes to take effect" (Azure RBAC troubleshooting, "Role assignment
 * changes are not being detected"), and Container Apps checks the registry pull and every Key Vault
 * reference with the identity when it creates the app, failing the create otherwise
 * (microsoft/azure-container-apps#930: "Unable to get value using Managed identity … for secret";
 * #739: Key Vault references and registries). The wait runs again only when an assignment is
 * replaced (its id is a trigger), not on every deploy.
 */
export const RBAC_PROPAGATION_WAIT = '10m';

/**
 * How long to wait after an app's identity is created before Cosmos DB role assignments name it:
 * Cosmos DB checks the principal in Entra ID when the assignment is created and fails with "The
 * provided principal ID … was not found in the AAD tenant(s)" while a new identity's service
 * principal is still replicating (hashicorp/terraform-provider-azurerm#28070). The azurerm resource
 * cannot help: cosmosdb_sql_role_assignment_resource.go (v4.55.0) creates with one
 * CreateUpdateSQLRoleAssignment call, no retry, and has no principal_type to skip the lookup (the
 * Azure RBAC assignments here set principal_type = ServicePrincipal for that reason).
 */
export const PRINCIPAL_PROPAGATION_WAIT = '60s';

/** The shared services an app may use, and what reaching each privately needs. */
export interface PlatformServices {
  resourceGroupName: string;
  location: string;
  environmentId: string;
  registry: { id: string; loginServer: string; privatePath: ITerraformDependable[] };
  vault: { id: string; uri: string; privatePath: ITerraformDependable[] };
  cosmosGraph: {
    gremlinEndpoint: string;
    database: string;
    graph: string;
    /** The Key Vault secret holding the account key: its name, versionless URL and the resource writing it. */
    keySecret: { name: string; versionlessId: string; resource: ITerraformDependable };
  };
  /** `database` is the configured name (env); `databaseRef` the database resource's name (role scope, so the role waits for it). */
  cosmosTelemetry: { accountId: string; accountName: string; endpoint: string; database: string; databaseRef: string };
  search: { id: string; endpoint: string };
  openai: { id: string; endpoint: string; deployment: string };
}

export interface PlatformAppProps {
  /** Container app name (`<prefix>-<env>-<app>`). */
  name: string;
  identityName: string;
  config: ContainerAppConfig;
  services: PlatformServices;
  /** APP_ENVIRONMENT, LOG_LEVEL: the same for every app of the environment. */
  baseEnv: Record<string, string>;
  /** Caller side: URLs of the apps this one calls, by the env name their `callers` entry chose. */
  calleeUrls: Record<string, string>;
  /** Configured origins plus those of the browser-facing apps that call this one. */
  corsOrigins: string[];
}

export class PlatformApp extends Construct {
  readonly identity: UserAssignedIdentity;
  /** Every Azure RBAC and Cosmos data-plane assignment of this app's identity. */
  readonly assignments: (RoleAssignment | CosmosdbSqlRoleAssignment)[] = [];
  readonly rbacPropagation: Sleep;
  /** The wait between the identity's creation and its Cosmos DB role assignments (only when it has some). */
  readonly principalPropagation?: Sleep;
  readonly service: ServiceApp;

  constructor(scope: Construct, id: string, props: PlatformAppProps) {
    super(scope, id);
    const { config, services: s } = props;
    const uses = config.uses ?? {};
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.identityName,
      resourceGroupName: s.resourceGroupName,
      location: s.location,
    });

    const env: Record<string, string> = {
      ...props.baseEnv,
      ...(config.ingress !== 'none' ? { CORS_ORIGINS: props.corsOrigins.join(',') } : {}),
      // DefaultAzureCredential picks the user-assigned identity by client ID.
      AZURE_CLIENT_ID: this.identity.clientId,
    };
    const secrets: KeyVaultSecretReference[] = [];

    // Every app pulls its image from the platform registry with its own identity.
    this.grant('acr-pull', s.registry.id, 'AcrPull');

    if (uses.cosmosGraph === 'key') {
      const secret = s.cosmosGraph.keySecret;
      // Scoped to the one secret (Key Vault RBAC allows secret-level scope), not the vault. The scope is
      // written as `<vault id>/secrets/<name>`, the string azapi builds the secret's id from (parent_id +
      // "/secrets/" + name: internal/services/parse/resource.go newResourceID, child resource), so the
      // vault's lock finds the assignment under the vault (deletion-protection.ts reads the scope's text);
      // depends_on keeps it after the secret is written.
      this.grant(`secret-${secret.name}`, `${s.vault.id}/secrets/${secret.name}`, 'Key Vault Secrets User', [secret.resource]);
      secrets.push({ name: secret.name, keyVaultSecretId: secret.versionlessId, envName: 'COSMOS_GREMLIN_PRIMARY_KEY' });
      Object.assign(env, {
        COSMOS_GREMLIN_ENDPOINT: s.cosmosGraph.gremlinEndpoint,
        COSMOS_GREMLIN_DATABASE: s.cosmosGraph.database,
        COSMOS_GREMLIN_GRAPH: s.cosmosGraph.graph,
      });
    }
    if (uses.cosmosTelemetry) {
      const t = s.cosmosTelemetry;
      const write = uses.cosmosTelemetry === 'write';
      // A real wait (hashicorp/time): create_duration runs when the sleep is created, and a changed
      // trigger replaces it (terraform-provider-time docs/index.md, "Resource Triggers"), so it waits
      // again only for a new identity (new principal_id), never on later deploys.
      this.principalPropagation = new Sleep(this, 'principal-propagation', {
        createDuration: PRINCIPAL_PROPAGATION_WAIT,
        triggers: { principal_id: this.identity.principalId },
      });
      this.assignments.push(
        new CosmosdbSqlRoleAssignment(this, write ? 'cosmos-telemetry-contributor' : 'cosmos-telemetry-reader', {
          resourceGroupName: s.resourceGroupName,
          accountName: t.accountName,
          roleDefinitionId: `${t.accountId}/sqlRoleDefinitions/${write ? COSMOS_DATA_CONTRIBUTOR_ROLE : COSMOS_DATA_READER_ROLE}`,
          principalId: this.identity.principalId,
          // The telemetry database, not the whole account (a Cosmos RBAC scope may be a database).
          scope: `${t.accountId}/dbs/${t.databaseRef}`,
          dependsOn: [this.principalPropagation],
        }),
      );
      Object.assign(env, { COSMOS_NOSQL_ENDPOINT: t.endpoint, COSMOS_NOSQL_DATABASE: t.database });
    }
    if (uses.search) {
      this.grant(uses.search === 'write' ? 'search-index-contributor' : 'search-index-reader', s.search.id,
        uses.search === 'write' ? 'Search Index Data Contributor' : 'Search Index Data Reader');
      env.AI_SEARCH_ENDPOINT = s.search.endpoint;
    }
    if (uses.openai === 'user') {
      this.grant('openai-user', s.openai.id, 'Cognitive Services OpenAI User');
      Object.assign(env, { AZURE_OPENAI_ENDPOINT: s.openai.endpoint, AZURE_OPENAI_DEPLOYMENT: s.openai.deployment });
    }

    // Secrets the team keeps in the vault themselves: referenced by name, readable one by one.
    for (const [envName, secretName] of Object.entries(config.secrets ?? {})) {
      this.grant(`secret-${secretName}`, `${s.vault.id}/secrets/${secretName}`, 'Key Vault Secrets User');
      secrets.push({ name: secretName, keyVaultSecretId: `${s.vault.uri}secrets/${secretName}`, envName });
    }

    // The schema keeps these names apart from the stack's own (stacks/config/app-env.ts).
    Object.assign(env, props.calleeUrls, config.env ?? {});

    // A real wait (hashicorp/time's time_sleep). Changing a key or value of `triggers` replaces the
    // resource, which sleeps again (terraform-provider-time docs/index.md, "Resource Triggers"): a new
    // or replaced assignment is waited for, an unchanged one costs nothing on later deploys.
    this.rbacPropagation = new Sleep(this, 'rbac-propagation', {
      createDuration: RBAC_PROPAGATION_WAIT,
      triggers: Object.fromEntries(this.assignments.map((a) => [a.node.id.replace(/-/g, '_'), a.id])),
    });

    this.service = new ServiceApp(this, 'container', {
      name: props.name,
      resourceGroupName: s.resourceGroupName,
      environmentId: s.environmentId,
      registryServer: s.registry.loginServer,
      image: config.image,
      identityId: this.identity.id,
      targetPort: config.targetPort,
      cpu: config.cpu,
      memory: config.memory,
      maxReplicas: config.maxReplicas,
      concurrentRequests: config.concurrentRequests,
      ingress: config.ingress,
      schedule: config.schedule,
      livenessPath: config.livenessPath,
      readinessPath: config.readinessPath,
      corsOrigins: props.corsOrigins,
      env,
      secrets,
      dependsOn: [
        this.rbacPropagation,
        // The image pull and the Key Vault references go through the VNet: endpoint and DNS link first.
        ...s.registry.privatePath,
        ...(secrets.length > 0 ? s.vault.privatePath : []),
      ],
    });
  }

  private grant(key: string, scope: string, roleDefinitionName: string, dependsOn?: ITerraformDependable[]): void {
    this.assignments.push(
      new RoleAssignment(this, key, {
        scope,
        roleDefinitionName,
        principalId: this.identity.principalId,
        // Skips the Entra lookup that fails right after the identity is created.
        principalType: 'ServicePrincipal',
        ...(dependsOn ? { dependsOn } : {}),
      }),
    );
  }

  get clientId(): string {
    return this.identity.clientId;
  }
}

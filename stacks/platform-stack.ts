/**
 * One environment of the platform: the audited system (api, graph-query-api, frontend on Container
 * Apps; Cosmos DB Gremlin + NoSQL; AI Search; Azure OpenAI; registry; Log Analytics) rebuilt so that
 * each audit finding is fixed by construction. Every value comes from a validated EnvironmentConfig.
 */
import { Construct, Node } from 'constructs';
import { Aspects, AzurermBackend, LocalBackend, TerraformElement, TerraformOutput, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type { EnvironmentConfig } from './config/schema';
import { OPENAI_CAPACITY_CAP_K } from './config/limits';
import { Naming, requiredTags, TaggingAspect } from './constructs/naming';
import { PlatformResourceGroup } from './constructs/resource-group';
import { LogAnalytics } from './constructs/log-analytics';
import { Diagnostics } from './constructs/diagnostics';
import { WorkloadIdentity } from './constructs/identity';
import { Registry } from './constructs/container-registry';
import { Vault } from './constructs/key-vault';
import { CosmosGraph } from './constructs/cosmos-graph';
import { CosmosTelemetry } from './constructs/cosmos-telemetry';
import { Search } from './constructs/search';
import { OpenAi } from './constructs/openai';
import { AppsEnvironment } from './constructs/container-apps-environment';
import { ServiceApp } from './constructs/container-app';
import { Budget } from './constructs/budget';
import { DeletionProtection } from './constructs/deletion-protection';
import { PrivateNetwork } from './constructs/network';

export class PlatformStack extends TerraformStack {
  constructor(scope: Construct, readonly config: EnvironmentConfig) {
    super(scope, config.environment);
    const c = config;
    const naming = new Naming({ prefix: c.namePrefix, environment: c.environment, suffix: c.nameSuffix });
    Aspects.of(this).add(new TaggingAspect(requiredTags(c)));

    new AzurermProvider(this, 'azurerm', {
      features: [
        {
          // Soft-deleted vaults are recovered, never purged by a destroy.
          keyVault: [{ purgeSoftDeleteOnDestroy: false, recoverSoftDeletedKeyVaults: true }],
          resourceGroup: [{ preventDeletionIfContainsResources: true }],
        },
      ],
      storageUseAzuread: true,
      ...(c.subscriptionId ? { subscriptionId: c.subscriptionId } : {}),
    });
    if (c.backend.type === 'azurerm') {
      const { resourceGroupName, storageAccountName, containerName, key } = c.backend;
      new AzurermBackend(this, { resourceGroupName, storageAccountName, containerName, key, useAzureadAuth: true });
    } else {
      new LocalBackend(this, { path: c.backend.path ?? `terraform.${c.environment}.tfstate` });
    }

    // The Gremlin key secret uses a write-only argument (azapi `sensitive_body`), which Terraform < 1.11
    // cannot apply: say so in the configuration instead of failing half-way through a deploy.
    this.addOverride('terraform.required_version', '>= 1.11.0');

    const current = new DataAzurermClientConfig(this, 'current', {});
    const rg = new PlatformResourceGroup(this, 'platform', { name: naming.name('rg'), location: c.location });
    const where = { resourceGroupName: rg.name, location: rg.location };
    const network = new PrivateNetwork(this, 'network', { name: naming.name('vnet'), ...where, ...c.network });

    const logs = new LogAnalytics(this, 'logs', { name: naming.name('log'), ...where, ...c.logAnalytics });
    const identity = new WorkloadIdentity(this, 'workload', { name: naming.name('id'), ...where });
    const registry = new Registry(this, 'registry', {
      name: naming.compactName('acr'),
      ...where,
      sku: c.registry.sku,
    });
    const vault = new Vault(this, 'key-vault', {
      name: naming.globalName('kv'),
      ...where,
      tenantId: current.tenantId,
      skuName: c.keyVault.skuName,
      softDeleteRetentionDays: c.keyVault.softDeleteRetentionDays,
    });
    const graph = new CosmosGraph(this, 'graph-db', {
      name: naming.globalName('cosmos', 'graph'),
      ...where,
      serverless: c.cosmos.serverless,
      backupTier: c.cosmos.backupTier,
      ...c.cosmos.graph,
      keyVaultId: vault.id,
    });
    const telemetry = new CosmosTelemetry(this, 'telemetry-db', {
      name: naming.globalName('cosmos', 'telemetry'),
      ...where,
      serverless: c.cosmos.serverless,
      backupTier: c.cosmos.backupTier,
      ...c.cosmos.telemetry,
      dataContributorPrincipalId: identity.principalId,
    });
    const search = new Search(this, 'search', {
      name: naming.globalName('srch'),
      ...where,
      sku: c.search.sku,
      replicaCount: c.search.replicaCount,
      partitionCount: c.search.partitionCount,
    });
    const openai = new OpenAi(this, 'openai', {
      name: naming.globalName('oai'),
      ...where,
      model: c.openai.model,
      deploymentSku: c.openai.deploymentSku,
      capacityThousandTpm: c.openai.capacityThousandTpm,
      capacityCapThousandTpm: OPENAI_CAPACITY_CAP_K[c.tier],
    });

    // Data services have public network access off: these endpoints are the only way in.
    network.connect('cosmos-graph', 'cosmosGremlin', graph.id);
    network.connect('cosmos-telemetry', 'cosmosSql', telemetry.id);
    network.connect('search', 'search', search.id);
    network.connect('key-vault', 'keyVault', vault.id);
    network.connect('registry', 'registry', registry.id);
    network.connect('openai', 'openai', openai.id);

    new Diagnostics(this, 'diagnostics', {
      workspaceId: logs.id,
      targets: {
        'cosmos-graph': graph.account,
        'cosmos-telemetry': telemetry.account,
        search: search.service,
        'key-vault': vault.vault,
        registry: registry.registry,
        openai: openai.account,
      },
    });

    const acrPull = identity.grant('acr-pull', registry.id, 'AcrPull');
    const secretsUser = identity.grant('key-vault-secrets-user', vault.id, 'Key Vault Secrets User');
    identity.grant('search-index-reader', search.id, 'Search Index Data Reader');
    identity.grant('openai-user', openai.id, 'Cognitive Services OpenAI User');

    const environment = new AppsEnvironment(this, 'apps', {
      name: naming.name('cae'),
      ...where,
      logAnalyticsWorkspaceId: logs.id,
      infrastructureSubnetId: network.appsSubnet.id,
      infrastructureResourceGroupName: naming.name('rg', 'cae-infra'),
    });

    const common = {
      ...where,
      environmentId: environment.id,
      registryServer: registry.loginServer,
      identityId: identity.id,
      corsOrigins: c.containerApps.corsOrigins,
      dependsOn: [acrPull, secretsUser, telemetry.dataAccess],
    };
    const baseEnv = {
      APP_ENVIRONMENT: c.environment,
      LOG_LEVEL: c.containerApps.logLevel,
      CORS_ORIGINS: c.containerApps.corsOrigins.join(','),
      // DefaultAzureCredential picks the user-assigned identity by client ID.
      AZURE_CLIENT_ID: identity.clientId,
    };
    const apps = c.containerApps.apps;
    const graphQueryApi = new ServiceApp(this, 'graph-query-api', {
      ...common,
      ...apps['graph-query-api'],
      name: naming.appName('graph-query-api'),
      env: {
        ...baseEnv,
        COSMOS_GREMLIN_ENDPOINT: graph.gremlinEndpoint,
        COSMOS_GREMLIN_DATABASE: c.cosmos.graph.database,
        COSMOS_GREMLIN_GRAPH: c.cosmos.graph.graph,
        COSMOS_NOSQL_ENDPOINT: telemetry.endpoint,
        COSMOS_NOSQL_DATABASE: c.cosmos.telemetry.database,
      },
      secrets: [{ name: 'cosmos-gremlin-key', keyVaultSecretId: graph.keySecret.versionlessId, envName: 'COSMOS_GREMLIN_PRIMARY_KEY' }],
    });
    const api = new ServiceApp(this, 'api', {
      ...common,
      ...apps.api,
      name: naming.appName('api'),
      env: {
        ...baseEnv,
        AZURE_OPENAI_ENDPOINT: openai.endpoint,
        AZURE_OPENAI_DEPLOYMENT: openai.deployment.name,
        AI_SEARCH_ENDPOINT: search.endpoint,
        // Set from the stack, never empty (audit 000 §5: agents created with empty tool URLs).
        GRAPH_QUERY_API_URI: `https://${graphQueryApi.fqdn}`,
      },
    });
    const frontend = new ServiceApp(this, 'frontend', {
      ...common,
      ...apps.frontend,
      name: naming.appName('frontend'),
      env: { ...baseEnv, API_BASE_URL: `https://${api.fqdn}` },
    });

    new Budget(this, 'budget', {
      name: naming.name('budget'),
      resourceGroupName: rg.name,
      resourceGroupId: rg.id,
      shortName: `${c.namePrefix}${c.environment}`,
      amount: c.budget.amount,
      startDate: c.budget.startDate,
      contactEmails: c.budget.contactEmails,
    });

    if (c.deletionProtection) {
      new DeletionProtection(this, 'protect', {
        locked: {
          'cosmos-graph': graph.account,
          'cosmos-telemetry': telemetry.account,
          'key-vault': vault.vault,
          'log-analytics': logs.workspace,
          registry: registry.registry,
          search: search.service,
        },
        // No lock on OpenAI: its model deployment is a child that a model change replaces.
        preventDestroyOnly: [graph.database, graph.graph, telemetry.database, ...telemetry.containers, openai.account],
      });
    }

    // Outputs: endpoints and IDs only; nothing that holds a key, password or connection string.
    const outputs: Record<string, string> = {
      resource_group_name: rg.name,
      api_url: `https://${api.fqdn}`,
      frontend_url: `https://${frontend.fqdn}`,
      graph_query_api_fqdn: graphQueryApi.fqdn,
      registry_login_server: registry.loginServer,
      key_vault_uri: vault.uri,
      cosmos_gremlin_endpoint: graph.gremlinEndpoint,
      cosmos_nosql_endpoint: telemetry.endpoint,
      search_endpoint: search.endpoint,
      openai_endpoint: openai.endpoint,
      workload_identity_client_id: identity.clientId,
      log_analytics_workspace_id: logs.id,
    };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });
  }

  /**
   * Readable, stable Terraform addresses (`azurerm_container_app.api_app`) built from the construct
   * path instead of cdktf's hashed default, so policy messages and the README can name resources.
   */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const scopes = node.scopes;
    const start = scopes.indexOf(this) + 1;
    return scopes
      .slice(start)
      .map((s) => s.node.id)
      .join('_')
      .replace(/[^A-Za-z0-9_]/g, '_');
  }
}

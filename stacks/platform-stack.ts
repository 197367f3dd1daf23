/**
 * One environment of the platform: shared data services (Cosmos DB Gremlin + NoSQL; AI Search; Azure
 * OpenAI; registry; Key Vault; Log Analytics) and any number of container apps, each with its own
 * identity and only the access its configuration declares (stacks/constructs/platform-app.ts). The
 * shipped configuration rebuilds the audited system (api, graph-query-api, frontend) so that each
 * audit finding is fixed by construction. Every value comes from a validated EnvironmentConfig.
 */
import { Construct, Node } from 'constructs';
import { Aspects, AzurermBackend, LocalBackend, TerraformElement, TerraformOutput, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type { EnvironmentConfig } from './config/schema';
import { GREMLIN_KEY_SECRET } from './config/app-env';
import { OPENAI_CAPACITY_CAP_K } from './config/limits';
import { Naming, requiredTags, TaggingAspect } from './constructs/naming';
import { PlatformResourceGroup } from './constructs/resource-group';
import { LogAnalytics } from './constructs/log-analytics';
import { Diagnostics } from './constructs/diagnostics';
import { Registry } from './constructs/container-registry';
import { Vault } from './constructs/key-vault';
import { CosmosGraph } from './constructs/cosmos-graph';
import { CosmosTelemetry } from './constructs/cosmos-telemetry';
import { Search } from './constructs/search';
import { OpenAi } from './constructs/openai';
import { AppsEnvironment } from './constructs/container-apps-environment';
import { PlatformApp, PlatformServices } from './constructs/platform-app';
import { appSites, callerWiring } from './constructs/app-sites';
import { forgetSharedIdentityAssignments, LEGACY_APP_ADDRESSES } from './migrations';
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
    // hashicorp/time: the RBAC propagation waits before each app is created.
    new TimeProvider(this, 'time', {});
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

    const environment = new AppsEnvironment(this, 'apps', {
      name: naming.name('cae'),
      ...where,
      logAnalyticsWorkspaceId: logs.id,
      infrastructureSubnetId: network.appsSubnet.id,
      infrastructureResourceGroupName: naming.name('rg', 'cae-infra'),
    });

    const services: PlatformServices = {
      ...where,
      environmentId: environment.id,
      registry: { id: registry.id, loginServer: registry.loginServer, privatePath: network.privatePath('registry') },
      vault: { id: vault.id, uri: vault.uri, privatePath: network.privatePath('keyVault') },
      cosmosGraph: {
        gremlinEndpoint: graph.gremlinEndpoint,
        database: c.cosmos.graph.database,
        graph: c.cosmos.graph.graph,
        keySecret: {
          name: GREMLIN_KEY_SECRET,
          versionlessId: graph.keySecret.versionlessId,
          resource: graph.keySecret,
        },
      },
      cosmosTelemetry: {
        accountId: telemetry.id,
        accountName: telemetry.name,
        endpoint: telemetry.endpoint,
        database: c.cosmos.telemetry.database,
        databaseRef: telemetry.database.name,
      },
      search: { id: search.id, endpoint: search.endpoint },
      openai: { id: openai.id, endpoint: openai.endpoint, deployment: openai.deployment.name },
    };

    // Every app's URL and origin is derived from its name and the environment's default domain, not
    // read from the other app, so apps that call each other form no dependency cycle.
    const apps = c.containerApps.apps;
    const sites = appSites(apps, (app) => naming.appName(app), environment.environment.defaultDomain);
    const outputs: Record<string, string> = {};
    forgetSharedIdentityAssignments(this);
    for (const [key, config] of Object.entries(apps)) {
      const wiring = callerWiring(key, apps, sites, c.containerApps.corsOrigins);
      const app = new PlatformApp(this, `app-${key}`, {
        name: naming.appName(key),
        identityName: naming.name('id', key),
        config,
        services,
        baseEnv: { APP_ENVIRONMENT: c.environment, LOG_LEVEL: c.containerApps.logLevel },
        calleeUrls: wiring.calleeUrls,
        corsOrigins: wiring.corsOrigins,
      });
      // Existing deployments: the apps of the audited system move to their new address instead of being replaced.
      const legacy = LEGACY_APP_ADDRESSES[key];
      if (legacy) app.service.app.moveFromId(legacy);
      const out = key.replace(/-/g, '_');
      if (sites[key].url) outputs[`${out}_url`] = sites[key].url!;
      outputs[`${out}_identity_client_id`] = app.clientId;
    }

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
    Object.assign(outputs, {
      resource_group_name: rg.name,
      registry_login_server: registry.loginServer,
      key_vault_uri: vault.uri,
      cosmos_gremlin_endpoint: graph.gremlinEndpoint,
      cosmos_nosql_endpoint: telemetry.endpoint,
      search_endpoint: search.endpoint,
      openai_endpoint: openai.endpoint,
      log_analytics_workspace_id: logs.id,
    });
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

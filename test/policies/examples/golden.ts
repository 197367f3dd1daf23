/**
 * The golden end-to-end fixture: the audited system's original infrastructure (audit 000, its Bicep
 * translated to azurerm) in the three input formats, under test/fixtures/golden/. What it must
 * produce is listed by hand in test/fixtures/golden/expected.json (not generated), so the test
 * compares the pack against an independent statement of the audit.
 * Regenerate the inputs with `npx tsx test/policies/examples/golden.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as b from './builders';
import { toCdktfJson, toHcl, toPlanJson, type InfraDoc } from './formats';

export const GOLDEN_DIR = resolve(__dirname, '../../fixtures/golden');

const ACR = '${azurerm_container_registry.acr.login_server}';

/** An app as the audited Bicep deployed it: admin-credential pull, min 1 replica, no probes, :latest. */
function auditedApp(name: string, port: number, env: { name: string; value?: string; secret_name?: string }[], extra: Record<string, unknown> = {}) {
  // A literal login server keeps the tag visible in plans too (a new registry's login_server is unknown).
  const image = `acranet.azurecr.io/${name.replace(/_/g, '-')}:latest`;
  return b.res('azurerm_container_app', name, {
    name: `ca-${name.replace(/_/g, '-')}`,
    resource_group_name: '${azurerm_resource_group.main.name}',
    container_app_environment_id: '${azurerm_container_app_environment.main.id}',
    revision_mode: 'Single',
    registry: [{
      server: ACR,
      username: '${azurerm_container_registry.acr.admin_username}',
      password_secret_name: 'acr-password',
    }],
    secret: [{ name: 'acr-password', value: '${azurerm_container_registry.acr.admin_password}' }],
    ingress: {
      external_enabled: true,
      target_port: port,
      traffic_weight: [{ latest_revision: true, percentage: 100 }],
    },
    template: {
      min_replicas: 1,
      container: [{ name: name.replace(/_/g, '-'), image, cpu: 0.5, memory: '1Gi', env }],
    },
    ...extra,
  });
}

export const GOLDEN: InfraDoc = {
  env: 'prod',
  resources: [
    b.resourceGroup({ name: 'rg-autonomous-network-demo' }),
    // Default retention, no daily cap (audit 000 §1).
    b.logAnalytics({ retention_in_days: 30, daily_quota_gb: undefined }),
    b.res('azurerm_container_app_environment', 'main', {
      name: 'cae-anet',
      location: 'swedencentral',
      resource_group_name: '${azurerm_resource_group.main.name}',
      log_analytics_workspace_id: '${azurerm_log_analytics_workspace.main.id}',
    }),
    // ACR admin user on (audit 000 §2, §9.2).
    b.registry({ admin_enabled: true }),
    // Cosmos Gremlin graph with periodic backup and open network.
    b.cosmosGremlin('graph', { backup: undefined, public_network_access_enabled: undefined, minimal_tls_version: undefined }),
    // Cosmos NoSQL telemetry with key auth on.
    b.cosmosNoSql('telemetry', {
      backup: undefined,
      local_authentication_disabled: undefined,
      public_network_access_enabled: undefined,
      minimal_tls_version: undefined,
    }),
    b.search({ local_authentication_enabled: undefined, public_network_access_enabled: undefined }),
    b.openaiAccount({ kind: 'AIServices', local_auth_enabled: undefined, public_network_access_enabled: undefined }),
    // GPT-4.1 at 300K TPM (audit 000 §1).
    b.openaiDeployment('gpt41', { sku: { name: 'GlobalStandard', capacity: 300 } }),
    auditedApp('api', 8000, [
      { name: 'CORS_ORIGINS', value: 'http://localhost:5173' },
      { name: 'GRAPH_QUERY_API_URI', value: '${azurerm_container_app.graph_query_api.latest_revision_fqdn}' },
    ], {
      ingress: {
        external_enabled: true,
        target_port: 8000,
        traffic_weight: [{ latest_revision: true, percentage: 100 }],
        cors: { allowed_origins: ['*'], allowed_methods: ['*'], allowed_headers: ['*'], allow_credentials_enabled: true },
      },
    }),
    auditedApp('graph_query_api', 8100, [
      { name: 'LOG_LEVEL', value: 'DEBUG' },
      { name: 'COSMOS_GREMLIN_ENDPOINT', value: '${azurerm_cosmosdb_account.graph.endpoint}' },
      { name: 'COSMOS_GREMLIN_PRIMARY_KEY', secret_name: 'cosmos-key' },
    ], {
      secret: [
        { name: 'acr-password', value: '${azurerm_container_registry.acr.admin_password}' },
        { name: 'cosmos-key', value: '${azurerm_cosmosdb_account.graph.primary_key}' },
      ],
    }),
    auditedApp('frontend', 80, []),
  ],
  outputs: [
    { name: 'COSMOS_GREMLIN_ENDPOINT', value: '${azurerm_cosmosdb_account.graph.endpoint}' },
    // The Cosmos primary key as a deployment output (audit 000 §2, §9.1).
    { name: 'COSMOS_GREMLIN_PRIMARY_KEY', value: '${azurerm_cosmosdb_account.graph.primary_key}' },
    { name: 'AZURE_CONTAINER_REGISTRY_ENDPOINT', value: ACR },
  ],
};

function main(): void {
  mkdirSync(join(GOLDEN_DIR, 'hcl'), { recursive: true });
  writeFileSync(join(GOLDEN_DIR, 'cdk.tf.json'), JSON.stringify(toCdktfJson(GOLDEN), null, 2) + '\n');
  writeFileSync(join(GOLDEN_DIR, 'plan.json'), JSON.stringify(toPlanJson(GOLDEN), null, 2) + '\n');
  writeFileSync(join(GOLDEN_DIR, 'hcl', 'main.tf'), toHcl(GOLDEN));
  console.log(`wrote the golden fixture under ${GOLDEN_DIR}`);
}

if (require.main === module) main();

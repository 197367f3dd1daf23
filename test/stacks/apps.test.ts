/**
 * The shipped configuration keeps the audited system with exactly the access each app needs:
 * the frontend holds no data role and no secret, only graph-query-api reads the Gremlin key, and
 * the API allows the frontend's real origin (issue 9; issue 8 item 8).
 */
import { loadEnvironments } from '../../stacks/config/load';
import { GREMLIN_KEY_SECRET } from '../../stacks/config/app-env';
import { GREMLIN_KEY_SECRET_NAME } from '../../stacks/constructs/cosmos-graph';
import { containerApp, describeAppAccess, grantsOf, originOf, plainEnv } from './app-access';
import { resources, synthAll } from './helpers';

const configs = loadEnvironments();
const synth = synthAll();

describe.each(configs.map((c) => [c.environment, c] as const))('%s', (env, config) => {
  const stack = synth.json[env];
  describeAppAccess(stack, config);

  test('the frontend holds no data-plane role and no secret: only AcrPull on the registry', () => {
    expect(grantsOf(stack, 'frontend')).toEqual(['AcrPull @ ${azurerm_container_registry.registry_registry.id}']);
    expect(containerApp(stack, config, 'frontend').secret).toBeUndefined();
    expect(resources(stack, 'azurerm_cosmosdb_sql_role_assignment')).not.toHaveProperty('app_frontend_cosmos_telemetry_reader');
  });

  test('only graph-query-api can read the Gremlin key secret, and only that secret', () => {
    const readers = Object.values(resources(stack, 'azurerm_role_assignment')).filter((r) => r.role_definition_name.startsWith('Key Vault Secrets'));
    // No other principal holds a Key Vault secrets role (the key is written through ARM, not by a data-plane role).
    expect(readers.map((r) => [r.role_definition_name, r.principal_id, r.scope])).toEqual([
      ['Key Vault Secrets User', '${azurerm_user_assigned_identity.app_graph_query_api_identity.principal_id}', '${azurerm_key_vault.key_vault_vault.id}/secrets/cosmos-gremlin-key'],
    ]);
    for (const app of ['api', 'frontend']) expect(containerApp(stack, config, app).secret).toBeUndefined();
    expect(containerApp(stack, config, 'graph-query-api').secret).toEqual([
      {
        name: 'cosmos-gremlin-key',
        key_vault_secret_id: '${azapi_resource.graph_db_key_secret.output.properties.secretUri}',
        identity: '${azurerm_user_assigned_identity.app_graph_query_api_identity.id}',
      },
    ]);
  });

  test('the schema reserves the name the Gremlin key secret is written under', () => {
    expect(GREMLIN_KEY_SECRET).toBe(GREMLIN_KEY_SECRET_NAME);
  });

  test("the API's CORS holds the frontend's Container Apps origin next to the configured ones", () => {
    const api = containerApp(stack, config, 'api');
    const frontendOrigin = originOf(config, 'frontend');
    expect(frontendOrigin).toBe(`https://anet-${env}-frontend.\${azurerm_container_app_environment.apps_environment.default_domain}`);
    expect(api.ingress.cors.allowed_origins).toEqual([...config.containerApps.corsOrigins, frontendOrigin]);
    expect(plainEnv(api).CORS_ORIGINS).toBe([...config.containerApps.corsOrigins, frontendOrigin].join(','));
    // The frontend itself is called by nobody's browser: only the configured origins.
    expect(containerApp(stack, config, 'frontend').ingress.cors.allowed_origins).toEqual(config.containerApps.corsOrigins);
  });

  test('service URLs are wired from the environment domain, never left empty, with no cycle between apps', () => {
    const domain = '${azurerm_container_app_environment.apps_environment.default_domain}';
    expect(plainEnv(containerApp(stack, config, 'api')).GRAPH_QUERY_API_URI).toBe(`https://anet-${env}-graph-query-api.internal.${domain}`);
    expect(plainEnv(containerApp(stack, config, 'frontend')).API_BASE_URL).toBe(`https://anet-${env}-api.${domain}`);
    // No app reads another app's attributes (that is what would make a cycle with CORS).
    for (const a of Object.values(resources(stack, 'azurerm_container_app'))) expect(JSON.stringify(a)).not.toMatch(/azurerm_container_app\.[a-z_]+\./);
  });

  test('graph-query-api is internal; api and frontend are external', () => {
    expect(containerApp(stack, config, 'graph-query-api').ingress.external_enabled).toBe(false);
    expect(containerApp(stack, config, 'api').ingress.external_enabled).toBe(true);
    expect(containerApp(stack, config, 'frontend').ingress.external_enabled).toBe(true);
  });
});

/**
 * Checks on a synthesized stack that every configured app has its own identity with exactly the
 * access its `uses` and `secrets` declare (each on the one resource), and the wiring its callers
 * declare. Shared by the shipped configuration's tests and the larger example's.
 */
import type { EnvironmentConfig } from '../../stacks/config/schema';
import { Json, resources } from './helpers';

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;
const first = (stack: Json, type: string) => Object.keys(resources(stack, type))[0];

/** The azapi resource that writes the Gremlin key secret into the vault. */
export function gremlinSecret(stack: Json): string {
  const [name] = Object.entries(resources(stack, 'azapi_resource')).find(([, r]) => r.type.startsWith('Microsoft.KeyVault/vaults/secrets@') && r.name === 'cosmos-gremlin-key')!;
  return name;
}

export const key = (app: string) => app.replace(/-/g, '_');
export const identityRef = (app: string, attr: string) => ref('azurerm_user_assigned_identity', `app_${key(app)}_identity`, attr);

/** The synthesized container app of a config app, found by its Azure name. */
export function containerApp(stack: Json, config: EnvironmentConfig, app: string): Json {
  const found = Object.values(resources(stack, 'azurerm_container_app')).find((a) => a.name === `${config.namePrefix}-${config.environment}-${app}`);
  if (!found) throw new Error(`no container app for ${app}`);
  return found;
}

export function plainEnv(app: Json): Record<string, string> {
  return Object.fromEntries(app.template.container[0].env.filter((e: Json) => 'value' in e).map((e: Json) => [e.name, e.value]));
}

/** Every Azure RBAC and Cosmos data-plane grant held by the app's identity, as `role @ scope`. */
export function grantsOf(stack: Json, app: string): string[] {
  const principal = identityRef(app, 'principal_id');
  const rbac = Object.values(resources(stack, 'azurerm_role_assignment'))
    .filter((r) => r.principal_id === principal)
    .map((r) => `${r.role_definition_name} @ ${r.scope}`);
  const cosmos = Object.values(resources(stack, 'azurerm_cosmosdb_sql_role_assignment'))
    .filter((r) => r.principal_id === principal)
    .map((r) => `cosmos ${r.role_definition_id.split('/').pop()} @ ${r.scope}`);
  return [...rbac, ...cosmos].sort();
}

/** What the app's declarations entitle it to, written out independently of the stack code. */
export function expectedGrants(stack: Json, config: EnvironmentConfig, app: string): string[] {
  const uses = config.containerApps.apps[app].uses ?? {};
  const vault = first(stack, 'azurerm_key_vault');
  const telemetry = Object.entries(resources(stack, 'azurerm_cosmosdb_account')).find(([, a]) => a.local_authentication_disabled === true)![0];
  const grants = [`AcrPull @ ${ref('azurerm_container_registry', first(stack, 'azurerm_container_registry'), 'id')}`];
  // The Gremlin key secret is written through ARM (azapi) into the vault: the one secret, named by the id
  // azapi gives it (parent_id + "/secrets/" + name), so the vault's lock sees the assignment under the vault.
  const secret = resources(stack, 'azapi_resource')[gremlinSecret(stack)];
  expect(secret.parent_id).toBe(ref('azurerm_key_vault', vault, 'id'));
  if (uses.cosmosGraph) grants.push(`Key Vault Secrets User @ ${ref('azurerm_key_vault', vault, 'id')}/secrets/${secret.name}`);
  if (uses.search)
    grants.push(`Search Index Data ${uses.search === 'write' ? 'Contributor' : 'Reader'} @ ${ref('azurerm_search_service', first(stack, 'azurerm_search_service'), 'id')}`);
  if (uses.openai) grants.push(`Cognitive Services OpenAI User @ ${ref('azurerm_cognitive_account', first(stack, 'azurerm_cognitive_account'), 'id')}`);
  if (uses.cosmosTelemetry)
    grants.push(
      `cosmos 00000000-0000-0000-0000-00000000000${uses.cosmosTelemetry === 'write' ? 2 : 1} @ ${ref('azurerm_cosmosdb_account', telemetry, 'id')}/dbs/${ref('azurerm_cosmosdb_sql_database', first(stack, 'azurerm_cosmosdb_sql_database'), 'name')}`,
    );
  for (const secret of Object.values(config.containerApps.apps[app].secrets ?? {}))
    grants.push(`Key Vault Secrets User @ ${ref('azurerm_key_vault', vault, 'id')}/secrets/${secret}`);
  return grants.sort();
}

/** The https origin a browser-facing app is served from. */
export function originOf(config: EnvironmentConfig, app: string): string {
  const domain = config.containerApps.apps[app].customDomain;
  return domain
    ? `https://${domain}`
    : `https://${config.namePrefix}-${config.environment}-${app}.\${azurerm_container_app_environment.apps_environment.default_domain}`;
}

/** Runs the per-app checks that hold for any configuration. */
export function describeAppAccess(stack: Json, config: EnvironmentConfig): void {
  const names = Object.keys(config.containerApps.apps);
  const identities = resources(stack, 'azurerm_user_assigned_identity');

  test('one user-assigned identity per app, attached to that app only', () => {
    expect(Object.keys(identities).sort()).toEqual(names.map((n) => `app_${key(n)}_identity`).sort());
    for (const app of names) {
      const attachedTo = names.filter((other) => JSON.stringify(containerApp(stack, config, other).identity).includes(identityRef(app, 'id')));
      expect([app, attachedTo]).toEqual([app, [app]]);
      expect(identities[`app_${key(app)}_identity`].name).toBe(`id-${config.namePrefix}-${config.environment}-${app}`);
    }
  });

  test.each(names)('%s holds exactly the roles it declares, each on the one resource', (app) => {
    expect(grantsOf(stack, app)).toEqual(expectedGrants(stack, config, app));
  });

  test('no role assignment of an app is scoped to a resource group or subscription', () => {
    for (const r of Object.values(resources(stack, 'azurerm_role_assignment')))
      expect(r.scope).not.toMatch(/azurerm_resource_group|^\/subscriptions\/[^/]+$|data\.azurerm_subscription/);
  });

  test('data roles are read-only unless write is declared', () => {
    for (const app of names) {
      const uses = config.containerApps.apps[app].uses ?? {};
      const grants = grantsOf(stack, app).join('\n');
      if (uses.search !== 'write') expect(grants).not.toMatch(/Search Index Data Contributor/);
      if (uses.cosmosTelemetry !== 'write') expect(grants).not.toMatch(/0000000000002 @/);
    }
  });

  test.each(names)('%s gets the endpoints it uses and its own AZURE_CLIENT_ID, nothing else', (app) => {
    const uses = config.containerApps.apps[app].uses ?? {};
    const env = plainEnv(containerApp(stack, config, app));
    expect(env.AZURE_CLIENT_ID).toBe(identityRef(app, 'client_id'));
    expect('AZURE_OPENAI_ENDPOINT' in env).toBe(!!uses.openai);
    expect('AI_SEARCH_ENDPOINT' in env).toBe(!!uses.search);
    expect('COSMOS_NOSQL_ENDPOINT' in env).toBe(!!uses.cosmosTelemetry);
    expect('COSMOS_GREMLIN_ENDPOINT' in env).toBe(!!uses.cosmosGraph);
    for (const [name, value] of Object.entries(config.containerApps.apps[app].env ?? {})) expect(env[name]).toBe(value);
    for (const value of Object.values(env)) expect(value).not.toBe('');
  });

  test('only apps that declare cosmosGraph: key reference the Gremlin key secret', () => {
    for (const app of names) {
      const a = containerApp(stack, config, app);
      const gremlin = (a.secret ?? []).filter((s: Json) => s.key_vault_secret_id === ref('azapi_resource', gremlinSecret(stack), 'output.properties.secretUri'));
      expect([app, gremlin.length]).toEqual([app, config.containerApps.apps[app].uses?.cosmosGraph ? 1 : 0]);
    }
  });

  test('each caller receives the URL of the app it calls; browser callers are in the callee CORS origins', () => {
    for (const [callee, app] of Object.entries(config.containerApps.apps)) {
      const calleeApp = containerApp(stack, config, callee);
      for (const caller of app.callers ?? []) {
        const url = plainEnv(containerApp(stack, config, caller.app))[caller.urlEnv];
        expect(url).toBe(
          app.ingress === 'internal'
            ? `https://${config.namePrefix}-${config.environment}-${callee}.internal.\${azurerm_container_app_environment.apps_environment.default_domain}`
            : originOf(config, callee),
        );
        const origins: string[] = calleeApp.ingress.cors.allowed_origins;
        expect(origins.includes(originOf(config, caller.app))).toBe(caller.from === 'browser' || config.containerApps.corsOrigins.includes(originOf(config, caller.app)));
      }
    }
  });

  test('internal apps have no public endpoint; apps without ingress have none at all', () => {
    for (const [name, app] of Object.entries(config.containerApps.apps)) {
      const a = containerApp(stack, config, name);
      if (app.ingress === 'none') expect(a.ingress).toBeUndefined();
      else expect(a.ingress.external_enabled).toBe(app.ingress === 'external');
    }
  });

  test("outputs name each app's identity client id (and URL when it has ingress)", () => {
    for (const [name, app] of Object.entries(config.containerApps.apps)) {
      expect(stack.output[`${key(name)}_identity_client_id`].value).toBe(identityRef(name, 'client_id'));
      expect(stack.output[`${key(name)}_url`]?.value).toEqual(app.ingress === 'none' ? undefined : expect.stringMatching(/^https:\/\//));
    }
  });
}

/**
 * The environment variables the stack itself sets on a container app, by what the app declares.
 * The schema refuses an app's own `env`, `secrets` or caller URL under one of these names, so a
 * declaration can never silently replace an endpoint or the identity's client ID.
 */

/** Every app: its environment, log level, its own identity's client ID (DefaultAzureCredential) and, with ingress, its CORS origins. */
export const BASE_ENV = ['APP_ENVIRONMENT', 'LOG_LEVEL', 'AZURE_CLIENT_ID', 'CORS_ORIGINS'] as const;

/** Per `uses` entry: the endpoints (and, for the Gremlin key, the secret) the app gets. */
export const USES_ENV = {
  cosmosGraph: ['COSMOS_GREMLIN_ENDPOINT', 'COSMOS_GREMLIN_DATABASE', 'COSMOS_GREMLIN_GRAPH', 'COSMOS_GREMLIN_PRIMARY_KEY'],
  cosmosTelemetry: ['COSMOS_NOSQL_ENDPOINT', 'COSMOS_NOSQL_DATABASE'],
  search: ['AI_SEARCH_ENDPOINT'],
  openai: ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_DEPLOYMENT'],
} as const;

export const RESERVED_ENV: ReadonlySet<string> = new Set<string>([...BASE_ENV, ...Object.values(USES_ENV).flat()]);

/** Name of the Key Vault secret holding the Gremlin account key (GREMLIN_KEY_SECRET_NAME of stacks/constructs/cosmos-graph.ts, kept apart so config validation loads no provider binding; test/stacks/apps.test.ts checks they agree). */
export const GREMLIN_KEY_SECRET = 'cosmos-gremlin-key';

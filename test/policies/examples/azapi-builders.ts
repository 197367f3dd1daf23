/**
 * Compliant azapi building blocks for the azapi policy examples, written as AVM modules and the
 * ARM reference (learn.microsoft.com/azure/templates/<namespace>/<type>) write them: an
 * `azapi_resource` with `type = "<ARM type>@<api version>"` and the request body in `body`. Each
 * passes every rule on its own and takes a patch (deep-merged into the resource; arrays replace).
 */
import type { ResourceSpec, Values } from './formats';
import { LOGIN_SERVER, merge } from './builders';

const RG_ID = '${azurerm_resource_group.main.id}';
const LOCATION = 'swedencentral';
const UAI = '${azurerm_user_assigned_identity.app.id}';

export function azapi(name: string, armType: string, values: Values, patch?: Values, jsonencodeBody = false): ResourceSpec {
  return { type: 'azapi_resource', name, values: merge({ type: armType, ...values }, patch), ...(jsonencodeBody ? { jsonencodeBody } : {}) };
}

/** An ARM container definition: pinned image, liveness and readiness probes, INFO logs. */
export function armContainer(patch?: Values): Values {
  return merge({
    name: 'api',
    image: `${LOGIN_SERVER}/api:1.4.2`,
    resources: { cpu: 0.25, memory: '0.5Gi' },
    env: [{ name: 'LOG_LEVEL', value: 'INFO' }],
    probes: [
      { type: 'Liveness', httpGet: { path: '/health/live', port: 8000 } },
      { type: 'Readiness', httpGet: { path: '/health/ready', port: 8000 } },
    ],
  }, patch);
}

export const containerApp = (name = 'api', patch?: Values, jsonencodeBody = false) =>
  azapi(name, 'Microsoft.App/containerApps@2024-03-01', {
    name: `ca-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    identity: { type: 'UserAssigned', identity_ids: [UAI] },
    body: {
      properties: {
        environmentId: '${azapi_resource.env.id}',
        configuration: {
          activeRevisionsMode: 'Single',
          ingress: {
            external: true,
            targetPort: 8000,
            allowInsecure: false,
            traffic: [{ latestRevision: true, weight: 100 }],
            corsPolicy: {
              allowedOrigins: ['https://ops.example.com'],
              allowedMethods: ['GET', 'POST'],
              allowedHeaders: ['Authorization', 'Content-Type'],
            },
          },
          registries: [{ server: LOGIN_SERVER, identity: UAI }],
        },
        template: { scale: { minReplicas: 0, maxReplicas: 3 }, containers: [armContainer({ name })] },
      },
    },
  }, patch, jsonencodeBody);

export const containerAppJob = (name = 'worker', patch?: Values) =>
  azapi(name, 'Microsoft.App/jobs@2024-03-01', {
    name: `caj-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    identity: { type: 'UserAssigned', identity_ids: [UAI] },
    body: {
      properties: {
        environmentId: '${azapi_resource.env.id}',
        configuration: {
          triggerType: 'Manual',
          replicaTimeout: 1800,
          manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
          registries: [{ server: LOGIN_SERVER, identity: UAI }],
        },
        template: { containers: [armContainer({ name, probes: undefined })] },
      },
    },
  }, patch);

export const environment = (patch?: Values) =>
  azapi('env', 'Microsoft.App/managedEnvironments@2024-03-01', {
    name: 'cae-platform',
    parent_id: RG_ID,
    location: LOCATION,
    body: {
      properties: {
        appLogsConfiguration: {
          destination: 'log-analytics',
          logAnalyticsConfiguration: {
            customerId: '${azurerm_log_analytics_workspace.main.workspace_id}',
            sharedKey: '${azurerm_log_analytics_workspace.main.primary_shared_key}',
          },
        },
        workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
      },
    },
  }, patch);

export const registry = (patch?: Values) =>
  azapi('acr', 'Microsoft.ContainerRegistry/registries@2023-07-01', {
    name: 'acrplatform',
    parent_id: RG_ID,
    location: LOCATION,
    body: {
      sku: { name: 'Basic' },
      properties: { adminUserEnabled: false, anonymousPullEnabled: false, publicNetworkAccess: 'Disabled' },
    },
  }, patch);

export const cosmos = (name = 'telemetry', patch?: Values) =>
  azapi(name, 'Microsoft.DocumentDB/databaseAccounts@2024-11-15', {
    name: `cosmos-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    body: {
      kind: 'GlobalDocumentDB',
      properties: {
        databaseAccountOfferType: 'Standard',
        locations: [{ locationName: LOCATION, failoverPriority: 0, isZoneRedundant: false }],
        consistencyPolicy: { defaultConsistencyLevel: 'Session' },
        capabilities: [{ name: 'EnableServerless' }],
        backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } },
        disableLocalAuth: true,
        publicNetworkAccess: 'Disabled',
        minimalTlsVersion: 'Tls12',
      },
    },
  }, patch);

export const keyVault = (name = 'main', patch?: Values, apiVersion = '2023-07-01') =>
  azapi(name, `Microsoft.KeyVault/vaults@${apiVersion}`, {
    name: `kv-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    body: {
      properties: {
        tenantId: '${data.azurerm_client_config.current.tenant_id}',
        sku: { family: 'A', name: 'standard' },
        enableRbacAuthorization: true,
        enablePurgeProtection: true,
        softDeleteRetentionInDays: 7,
        publicNetworkAccess: 'Disabled',
        networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny' },
      },
    },
  }, patch);

export const search = (name = 'search', patch?: Values) =>
  azapi(name, 'Microsoft.Search/searchServices@2024-06-01-preview', {
    name: `srch-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    body: {
      sku: { name: 'basic' },
      properties: { replicaCount: 1, partitionCount: 1, disableLocalAuth: true, publicNetworkAccess: 'disabled' },
    },
  }, patch);

export const openaiAccount = (name = 'openai', patch?: Values) =>
  azapi(name, 'Microsoft.CognitiveServices/accounts@2024-10-01', {
    name: `oai-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    body: {
      kind: 'OpenAI',
      sku: { name: 'S0' },
      properties: { customSubDomainName: `oai-${name}`, disableLocalAuth: true, publicNetworkAccess: 'Disabled' },
    },
  }, patch);

export const openaiDeployment = (name = 'gpt41', patch?: Values) =>
  azapi(name, 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01', {
    name: 'gpt-4.1',
    parent_id: '${azapi_resource.openai.id}',
    body: {
      sku: { name: 'GlobalStandard', capacity: 10 },
      properties: { model: { format: 'OpenAI', name: 'gpt-4.1', version: '2025-04-14' } },
    },
  }, patch);

export const logAnalytics = (name = 'main', patch?: Values) =>
  azapi(name, 'Microsoft.OperationalInsights/workspaces@2023-09-01', {
    name: `log-${name}`,
    parent_id: RG_ID,
    location: LOCATION,
    body: { properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30, workspaceCapping: { dailyQuotaGb: 1 } } },
  }, patch);

/** ARM budget notification (notifications are a map keyed by name). */
export function armNotification(kind: 'Actual' | 'Forecasted', patch?: Values): Values {
  return merge({
    enabled: true,
    operator: 'GreaterThan',
    threshold: kind === 'Actual' ? 80 : 100,
    thresholdType: kind,
    contactEmails: ['finops@example.com'],
  }, patch);
}

export const budget = (name = 'monthly', amount = 100, patch?: Values, parent = RG_ID) =>
  azapi(name, 'Microsoft.Consumption/budgets@2023-11-01', {
    name: `budget-${name}`,
    parent_id: parent,
    body: {
      properties: {
        category: 'Cost',
        amount,
        timeGrain: 'Monthly',
        timePeriod: { startDate: '2026-01-01T00:00:00Z' },
        notifications: { actual80: armNotification('Actual'), forecast100: armNotification('Forecasted') },
      },
    },
  }, patch);

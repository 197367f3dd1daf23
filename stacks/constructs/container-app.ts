/**
 * One service of the platform as a container app, secure and cheap by default:
 * - scales to zero (`min_replicas = 0`) with a bounded `max_replicas` and an HTTP scale rule, or a
 *   cron window for an app without ingress (audit 000 §1: apps that never scaled to zero; audit
 *   001/004: no autoscaling);
 * - liveness and readiness probes on the app's own endpoints (audit 000 §4, §6.11; audits 001-004);
 * - CPU/memory limits; HTTPS-only ingress, internet-facing only when asked for; CORS with explicit
 *   origins and methods (audit 000 §2, §5);
 * - image from the platform registry pinned by digest or immutable tag (audit 000 §6.11);
 * - registry pulled with the app's own user-assigned identity, never admin credentials (audit 000 §9.2);
 * - secrets only as Key Vault references read with that identity (audits 000 §9.1, 001).
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { ContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { CONSUMPTION_PROFILE } from './container-apps-environment';

export interface ImageReference {
  repository: string;
  digest?: string;
  tag?: string;
}

export interface KeyVaultSecretReference {
  /** Name inside the app, e.g. `cosmos-gremlin-key`. */
  name: string;
  /** Version-less Key Vault secret URL, so rotations are picked up. */
  keyVaultSecretId: string;
  /** Environment variable that receives the secret. */
  envName: string;
}

export interface ServiceAppProps {
  name: string;
  resourceGroupName: string;
  environmentId: string;
  /** Registry login server; the image is `<server>/<repository>@<digest>` or `:<tag>`. */
  registryServer: string;
  image: ImageReference;
  /** User-assigned identity used for the registry pull and Key Vault references. */
  identityId: string;
  targetPort: number;
  cpu: number;
  memory: string;
  /** Upper bound of replicas; the lower bound is always 0 (scale to zero). */
  maxReplicas: number;
  /** Concurrent requests per replica before scaling out. */
  concurrentRequests: number;
  /**
   * external: internet-facing; internal: reachable only from apps in the environment
   * (`external_enabled = false`); none: no ingress block at all (needs `schedule`).
   */
  ingress: 'external' | 'internal' | 'none';
  /** With ingress none: the KEDA cron window in which the app runs (it has no HTTP traffic to scale on). */
  schedule?: CronWindow;
  livenessPath: string;
  readinessPath: string;
  /** Explicit CORS origins (apps with ingress); `*` is refused. */
  corsOrigins: string[];
  /** Plain, non-secret settings. */
  env: Record<string, string>;
  secrets?: KeyVaultSecretReference[];
  /** What must exist before the first revision starts: RBAC propagation, private endpoints and DNS links. */
  dependsOn?: ITerraformDependable[];
}

export interface CronWindow {
  timezone: string;
  start: string;
  end: string;
  replicas: number;
}

/** Default probe timings: checks every 10 s, three failures before a restart or removal from traffic. */
const PROBE_INTERVAL_SECONDS = 10;
const PROBE_FAILURES = 3;
/** Time between SIGTERM and SIGKILL on scale-in or a new revision, for draining streams (audit 000 §4). */
const TERMINATION_GRACE_SECONDS = 30;

export function imageName(server: string, image: ImageReference): string {
  if (image.digest) return `${server}/${image.repository}@${image.digest}`;
  if (image.tag) return `${server}/${image.repository}:${image.tag}`;
  throw new Error(`image ${image.repository}: a digest or an immutable tag is required`);
}

export class ServiceApp extends Construct {
  readonly app: ContainerApp;

  constructor(scope: Construct, id: string, props: ServiceAppProps) {
    super(scope, id);
    const hasIngress = props.ingress !== 'none';
    if (hasIngress && (props.corsOrigins.length === 0 || props.corsOrigins.some((o) => o.includes('*'))))
      throw new Error(`${id}: CORS origins must be explicit (got ${JSON.stringify(props.corsOrigins)})`);
    if (hasIngress === (props.schedule !== undefined))
      throw new Error(`${id}: an app has either ingress (HTTP scaling) or a schedule (ingress none), not both or neither`);
    const secrets = props.secrets ?? [];
    this.app = new ContainerApp(this, 'app', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      containerAppEnvironmentId: props.environmentId,
      workloadProfileName: CONSUMPTION_PROFILE,
      revisionMode: 'Single',
      identity: { type: 'UserAssigned', identityIds: [props.identityId] },
      registry: [{ server: props.registryServer, identity: props.identityId }],
      ...(secrets.length > 0
        ? { secret: secrets.map((s) => ({ name: s.name, keyVaultSecretId: s.keyVaultSecretId, identity: props.identityId })) }
        : {}),
      ...(hasIngress
        ? {
            ingress: {
              // internal: only other apps of the environment reach it (no public endpoint).
              externalEnabled: props.ingress === 'external',
              targetPort: props.targetPort,
              transport: 'auto',
              // Plain HTTP is redirected, never served.
              allowInsecureConnections: false,
              cors: {
                allowedOrigins: props.corsOrigins,
                allowedMethods: ['GET', 'POST', 'OPTIONS'],
                allowedHeaders: ['Authorization', 'Content-Type'],
                allowCredentialsEnabled: false,
                maxAgeInSeconds: 600,
              },
              trafficWeight: [{ latestRevision: true, percentage: 100 }],
            },
          }
        : {}),
      template: {
        minReplicas: 0,
        maxReplicas: props.maxReplicas,
        terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
        ...(props.schedule
          ? {
              // KEDA cron scaler (metadata keys timezone/start/end/desiredReplicas): replicas run only inside the window.
              customScaleRule: [
                {
                  name: 'schedule',
                  customRuleType: 'cron',
                  metadata: {
                    timezone: props.schedule.timezone,
                    start: props.schedule.start,
                    end: props.schedule.end,
                    desiredReplicas: String(props.schedule.replicas),
                  },
                },
              ],
            }
          : { httpScaleRule: [{ name: 'http-concurrency', concurrentRequests: String(props.concurrentRequests) }] }),
        container: [
          {
            name: props.name,
            image: imageName(props.registryServer, props.image),
            cpu: props.cpu,
            memory: props.memory,
            env: [
              ...Object.entries(props.env).map(([name, value]) => ({ name, value })),
              ...secrets.map((s) => ({ name: s.envName, secretName: s.name })),
            ],
            livenessProbe: [
              {
                transport: 'HTTP',
                port: props.targetPort,
                path: props.livenessPath,
                initialDelay: 5,
                intervalSeconds: PROBE_INTERVAL_SECONDS,
                failureCountThreshold: PROBE_FAILURES,
                timeout: 3,
              },
            ],
            readinessProbe: [
              {
                transport: 'HTTP',
                port: props.targetPort,
                path: props.readinessPath,
                intervalSeconds: PROBE_INTERVAL_SECONDS,
                failureCountThreshold: PROBE_FAILURES,
                successCountThreshold: 1,
                timeout: 3,
              },
            ],
          },
        ],
      },
      dependsOn: props.dependsOn,
    });
  }

  get id(): string {
    return this.app.id;
  }
  /** Public or environment-internal FQDN of the app's ingress (read from the app: use only where no cycle can form). */
  get fqdn(): string {
    return this.app.ingress.fqdn;
  }
}

/**
 * One service of the platform as a container app, secure and cheap by default:
 * - scales to zero (`min_replicas = 0`) with a bounded `max_replicas` and an HTTP scale rule
 *   (audit 000 §1: apps that never scaled to zero; audit 001/004: no autoscaling);
 * - liveness and readiness probes on the app's own endpoints (audit 000 §4, §6.11; audits 001-004);
 * - CPU/memory limits; HTTPS-only ingress; CORS with explicit origins and methods (audit 000 §2, §5);
 * - image from the platform registry pinned by digest or immutable tag (audit 000 §6.11);
 * - registry pulled with the user-assigned identity, never admin credentials (audit 000 §9.2);
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
  /** Version-less Key Vault secret ID, so rotations are picked up. */
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
  /** Internet-facing ingress (false: reachable only inside the environment). */
  external: boolean;
  livenessPath: string;
  readinessPath: string;
  /** Explicit CORS origins; `*` is refused. */
  corsOrigins: string[];
  /** Plain, non-secret settings. */
  env: Record<string, string>;
  secrets?: KeyVaultSecretReference[];
  /** Role assignments the app needs before its first revision starts (AcrPull, Key Vault Secrets User). */
  dependsOn?: ITerraformDependable[];
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
    if (props.corsOrigins.length === 0 || props.corsOrigins.some((o) => o.includes('*')))
      throw new Error(`${id}: CORS origins must be explicit (got ${JSON.stringify(props.corsOrigins)})`);
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
      ingress: {
        externalEnabled: props.external,
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
      template: {
        minReplicas: 0,
        maxReplicas: props.maxReplicas,
        terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
        httpScaleRule: [{ name: 'http-concurrency', concurrentRequests: String(props.concurrentRequests) }],
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
  /** Public or environment-internal FQDN of the app's ingress. */
  get fqdn(): string {
    return this.app.ingress.fqdn;
  }
}

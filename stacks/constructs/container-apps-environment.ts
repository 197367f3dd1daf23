/** Container Apps environment whose console and system logs go to the Log Analytics workspace. */
import { Construct } from 'constructs';
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';

/** Workload profile every app runs on: per-second billing, scales to zero. */
export const CONSUMPTION_PROFILE = 'Consumption';

export interface AppsEnvironmentProps {
  name: string;
  resourceGroupName: string;
  location: string;
  logAnalyticsWorkspaceId: string;
  /** Subnet delegated to Microsoft.App/environments: apps reach the data services' private endpoints through it. */
  infrastructureSubnetId: string;
  /**
   * Name of the platform-managed resource group Azure creates for the environment's infrastructure
   * (load balancer, public IP). It must not exist beforehand; Azure creates and deletes it.
   */
  infrastructureResourceGroupName: string;
}

export class AppsEnvironment extends Construct {
  readonly environment: ContainerAppEnvironment;

  constructor(scope: Construct, id: string, props: AppsEnvironmentProps) {
    super(scope, id);
    this.environment = new ContainerAppEnvironment(this, 'environment', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      // Without a destination, logs are only streamed and then lost.
      logsDestination: 'log-analytics',
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      workloadProfile: [{ name: CONSUMPTION_PROFILE, workloadProfileType: CONSUMPTION_PROFILE }],
      infrastructureSubnetId: props.infrastructureSubnetId,
      // Always named here: with a subnet and a workload profile Azure otherwise generates `ME_<env>_…`,
      // and azurerm 4.55 suppresses the "" → generated diff only when a non-Consumption profile
      // exists, so with Consumption only every later plan replaces this ForceNew attribute, hence
      // the environment and every app (internal/services/containerapps/container_app_environment_resource.go,
      // DiffSuppressFunc of infrastructure_resource_group_name; provider issue #27481).
      infrastructureResourceGroupName: props.infrastructureResourceGroupName,
    });
  }

  get id(): string {
    return this.environment.id;
  }
}

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
    });
  }

  get id(): string {
    return this.environment.id;
  }
}

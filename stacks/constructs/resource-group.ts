/** The environment's resource group: every resource of the stack lives in it, so the budget and locks have one scope. */
import { Construct } from 'constructs';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';

export interface PlatformResourceGroupProps {
  name: string;
  location: string;
}

export class PlatformResourceGroup extends Construct {
  readonly group: ResourceGroup;

  constructor(scope: Construct, id: string, props: PlatformResourceGroupProps) {
    super(scope, id);
    this.group = new ResourceGroup(this, 'group', { name: props.name, location: props.location });
  }

  get name(): string {
    return this.group.name;
  }
  get location(): string {
    return this.group.location;
  }
  get id(): string {
    return this.group.id;
  }
}

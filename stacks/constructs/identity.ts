/**
 * The user-assigned identity the container apps run as, with its role assignments. One identity
 * replaces the ACR admin user, the Cosmos primary key for NoSQL, Search admin keys and OpenAI keys
 * (audit 000 §2, §9).
 */
import { Construct } from 'constructs';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';

export interface WorkloadIdentityProps {
  name: string;
  resourceGroupName: string;
  location: string;
}

export class WorkloadIdentity extends Construct {
  readonly identity: UserAssignedIdentity;
  readonly assignments: RoleAssignment[] = [];

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
    });
  }

  /** Grants a built-in Azure RBAC role on `scope`; `key` names the assignment in the synthesized JSON. */
  grant(key: string, scope: string, roleDefinitionName: string): RoleAssignment {
    const assignment = new RoleAssignment(this, key, {
      scope,
      roleDefinitionName,
      principalId: this.identity.principalId,
      // Skips the Entra lookup that fails right after the identity is created.
      principalType: 'ServicePrincipal',
    });
    this.assignments.push(assignment);
    return assignment;
  }

  get id(): string {
    return this.identity.id;
  }
  get principalId(): string {
    return this.identity.principalId;
  }
  get clientId(): string {
    return this.identity.clientId;
  }
}

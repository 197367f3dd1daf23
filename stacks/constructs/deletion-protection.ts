/**
 * CanNotDelete management locks on stateful resources, so neither `cdktf destroy` nor a portal
 * click removes data by accident (audit 004: no persistence guarantees). Used in production.
 */
import { Construct } from 'constructs';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';

export interface DeletionProtectionProps {
  /** Resource IDs by a short key (`cosmos-graph`, `key-vault`…). */
  resources: Record<string, string>;
}

export class DeletionProtection extends Construct {
  readonly locks: ManagementLock[] = [];

  constructor(scope: Construct, id: string, props: DeletionProtectionProps) {
    super(scope, id);
    for (const [key, scopeId] of Object.entries(props.resources)) {
      this.locks.push(
        new ManagementLock(this, key, {
          name: `protect-${key}`,
          scope: scopeId,
          lockLevel: 'CanNotDelete',
          notes: 'Stateful resource: remove this lock deliberately before deleting.',
        }),
      );
    }
  }
}

/**
 * Deletion protection for stateful resources (audit 004: no persistence guarantees), used in production:
 *
 * - `prevent_destroy` on every resource that holds data, so Terraform refuses any plan that would
 *   delete or replace one (a `cdktf destroy`, a ForceNew change). A lock alone does not protect against
 *   Terraform: it references the resource it protects, so a destroy deletes the lock first
 *   (terraform-provider-azurerm issue #2959).
 * - A CanNotDelete management lock on each account, vault, registry, Search service and workspace, against
 *   deletes from the portal, CLI or another tool.
 *
 * A lock also blocks every delete beneath its scope, for every principal: role assignments, diagnostic
 * settings, Cosmos DB SQL role assignments (409 ScopeLocked; azurerm issue #11770). So each lock depends on
 * the resources this stack manages under its scope (a deliberate teardown removes the lock before them)
 * and is replaced together with any of them (`replace_triggered_by` on their IDs): Terraform then deletes
 * the lock, replaces the resource, and creates the lock again, instead of failing on the lock. A resource
 * removed from the configuration cannot be ordered that way; the runbook covers that case.
 */
import { Construct, IConstruct } from 'constructs';
import { Aspects, DefaultTokenResolver, IAspect, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';

/** A resource that can be locked: any resource with an `id`. */
export type Lockable = TerraformResource & { readonly id: string };

/**
 * Resource types that live beneath (or are attached to) the scope one of their attributes names, and
 * that attribute: a delete of one of them fails while that scope is locked.
 */
export const UNDER_LOCK: Readonly<Record<string, string>> = {
  azurerm_role_assignment: 'scope',
  azurerm_monitor_diagnostic_setting: 'target_resource_id',
  azurerm_cosmosdb_sql_role_assignment: 'scope',
  // Deleting the endpoint deletes its private endpoint connection on the target.
  azurerm_private_endpoint: 'private_service_connection',
};

export interface DeletionProtectionProps {
  /** Stateful resources by a short key (`cosmos-graph`, `key-vault`…): each gets prevent_destroy and a lock. */
  locked: Record<string, Lockable>;
  /** Further data-holding resources (databases, graphs, containers, the OpenAI account): prevent_destroy only. */
  preventDestroyOnly?: TerraformResource[];
}

export class DeletionProtection extends Construct {
  readonly locks: ManagementLock[] = [];

  constructor(scope: Construct, id: string, props: DeletionProtectionProps) {
    super(scope, id);
    for (const r of [...Object.values(props.locked), ...(props.preventDestroyOnly ?? [])]) r.addOverride('lifecycle.prevent_destroy', true);
    for (const [key, target] of Object.entries(props.locked)) {
      const lock = new ManagementLock(this, key, {
        name: `protect-${key}`,
        scope: target.id,
        lockLevel: 'CanNotDelete',
        notes: 'Stateful resource: remove this lock deliberately before deleting.',
      });
      this.locks.push(lock);
      // Resolved when the stack is synthesized, so resources added after this construct are seen too.
      Aspects.of(lock).add(new LockOrdering(lock, target));
    }
  }
}

/** Makes a lock depend on, and be replaced with, the stack's resources under its scope. */
class LockOrdering implements IAspect {
  private done = false;

  constructor(private readonly lock: ManagementLock, private readonly target: TerraformResource) {}

  visit(node: IConstruct): void {
    if (node !== this.lock || this.done) return;
    this.done = true;
    const stack = TerraformStack.of(this.lock);
    const address = `${this.target.terraformResourceType}.${this.target.friendlyUniqueId}.`;
    const under = stack.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType in UNDER_LOCK)
      .filter((r) => JSON.stringify(scopeOf(stack, r)).includes(address))
      .sort((a, b) => a.friendlyUniqueId.localeCompare(b.friendlyUniqueId));
    if (under.length === 0) return;
    this.lock.dependsOn = under.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`);
    this.lock.addOverride(
      'lifecycle.replace_triggered_by',
      under.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}.id`),
    );
  }
}

/** The resource's scope attribute (UNDER_LOCK), references resolved (`${azurerm_key_vault.key_vault_vault.id}`). */
function scopeOf(stack: TerraformStack, r: TerraformResource): unknown {
  const synthesized = Tokenization.resolve(r.toTerraform(), { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
  const body = synthesized.resource[r.terraformResourceType][r.friendlyUniqueId];
  return body?.[UNDER_LOCK[r.terraformResourceType]];
}

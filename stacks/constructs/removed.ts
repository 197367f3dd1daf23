/**
 * Terraform `removed` blocks (Terraform >= 1.7) with `destroy = false`: a resource an earlier release of
 * these stacks managed is dropped from state without being deleted in Azure. Used where deleting it
 * would lose data or fail (a Key Vault secret is soft-deleted, a role assignment under a locked scope
 * fails with ScopeLocked); the runbook says what to clean up by hand.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';

const blocks = new WeakMap<TerraformStack, { from: string; lifecycle: { destroy: false } }[]>();

/** Forget `address` (e.g. `azurerm_role_assignment.key_vault_deployer_secrets_officer`) without destroying it. */
export function forgetWithoutDestroying(scope: Construct, address: string): void {
  const stack = TerraformStack.of(scope);
  const list = blocks.get(stack) ?? [];
  if (list.some((b) => b.from === address)) return;
  list.push({ from: address, lifecycle: { destroy: false } });
  blocks.set(stack, list);
  stack.addOverride('removed', [...list]);
}

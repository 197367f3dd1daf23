# METADATA
# title: Stateful resources are protected from deletion in production
# description: >-
#   In production, Cosmos DB accounts, key vaults, container registries and AI Search services carry
#   an azurerm_management_lock (CanNotDelete or ReadOnly) on themselves or their resource group; a
#   key vault with purge protection counts as protected.
# custom:
#   id: stateful-deletion-protection
#   severity: deny
#   audit:
#     - "000 §3 Tightly coupled provisioning with no rollback"
#     - "000 §7.3.1 Destructive default deletes all data"
#     - "003 Transaction rollback failure: data inconsistency"
#   resource_types:
#     - azurerm_cosmosdb_account
#     - azurerm_key_vault
#     - azurerm_container_registry
#     - azurerm_search_service
#     - azurerm_management_lock
package rules.resilience.stateful_deletion_protection

import rego.v1

import data.lib.params
import data.lib.tf

stateful_types := {
	"azurerm_cosmosdb_account",
	"azurerm_key_vault",
	"azurerm_container_registry",
	"azurerm_search_service",
}

deny contains finding if {
	params.is_prod
	some r in tf.resources_in(stateful_types)
	not protected(r)
	finding := {
		"address": r.address,
		"msg": sprintf("production %s has no management lock: add azurerm_management_lock with scope = %s.id and lock_level = \"CanNotDelete\"", [r.type, tf.local_instance_address(r)]),
	}
}

locks := [l | some l in tf.resources("azurerm_management_lock"); lock_level_ok(l)]

lock_level_ok(l) if l.values.lock_level in {"CanNotDelete", "ReadOnly"}

# Known only at apply: accepted (policies/README.md); the lock's scope must still name the resource.
lock_level_ok(l) if tf.apply_time(l, object.get(l.values, "lock_level", null), ["lock_level"])

# What the locks' scopes name, instance keys included (tf.matches): a lock on `azurerm_x.y[0].id`
# protects that instance only, one on `azurerm_x.y` (a plan's `azurerm_x.y[count.index].id`) every one.
locked_views contains v if {
	some l in locks
	some t in tf.targets(l, "scope")
	some v in tf.reference_views(t)
}

# Locked directly.
protected(r) if {
	some v in tf.address_views(r.address)
	v in locked_views
}

# Locked through its resource group: the lock names the group instance r's resource_group_name
# refers to (`azurerm_resource_group.rg[0].name` is not locked by a lock on `azurerm_resource_group.rg[1].id`).
protected(r) if {
	some rg in tf.targets(r, "resource_group_name")
	startswith(tf.target_address(rg), "azurerm_resource_group.")
	some v in tf.address_views(rg)
	v in locked_views
}

protected(r) if {
	r.type == "azurerm_key_vault"
	object.get(r.values, "purge_protection_enabled", false) == true
}

# As key-vault-hardening: purge protection known only at apply is accepted.
protected(r) if {
	r.type == "azurerm_key_vault"
	tf.apply_time(r, object.get(r.values, "purge_protection_enabled", null), ["purge_protection_enabled"])
}

package rules.resilience.stateful_deletion_protection_test

import rego.v1

import data.lib.testing
import data.rules.resilience.stateful_deletion_protection as rule

account := testing.resource("azurerm_cosmosdb_account", "graph", {"name": "graph"})

lock_on(target) := testing.referencing("azurerm_management_lock", "graph", {"lock_level": "CanNotDelete", "scope": null}, {"scope": [target]})

test_prod_without_lock_denied if {
	findings := rule.deny with input as testing.stack("prod", [account])
	testing.addresses(findings) == {"azurerm_cosmosdb_account.graph"}
}

test_dev_without_lock_passes if {
	count(rule.deny) == 0 with input as testing.stack("dev", [account])
}

test_prod_environment_from_stack_suffix if {
	count(rule.deny) == 1 with input as testing.stack("platform-prod", [account])
}

test_prod_environments_parameter if {
	count(rule.deny) == 1 with input as testing.stack("live", [account]) with data.params as {"prod_environments": ["live"]}
}

test_lock_on_the_resource_passes if {
	count(rule.deny) == 0 with input as testing.stack("prod", [account, lock_on("azurerm_cosmosdb_account.graph.id")])
}

test_read_only_lock_passes if {
	lock := object.union(lock_on("azurerm_cosmosdb_account.graph.id"), {"values": {"lock_level": "ReadOnly", "scope": null}})
	count(rule.deny) == 0 with input as testing.stack("prod", [account, lock])
}

test_lock_on_another_resource_denied if {
	count(rule.deny) == 1 with input as testing.stack("prod", [account, lock_on("azurerm_key_vault.kv.id")])
}

test_lock_on_the_resource_group_passes if {
	a := testing.referencing("azurerm_cosmosdb_account", "graph", {"resource_group_name": null}, {"resource_group_name": ["azurerm_resource_group.data.name"]})
	count(rule.deny) == 0 with input as testing.stack("prod", [a, lock_on("azurerm_resource_group.data.id")])
}

test_lock_on_one_instance_leaves_the_other_reported if {
	a0 := object.union(account, {"address": "azurerm_cosmosdb_account.graph[0]"})
	a1 := object.union(account, {"address": "azurerm_cosmosdb_account.graph[1]"})
	findings := rule.deny with input as testing.stack("prod", [a0, a1, lock_on("azurerm_cosmosdb_account.graph[0].id")])
	testing.addresses(findings) == {"azurerm_cosmosdb_account.graph[1]"}
}

test_vault_with_purge_protection_passes if {
	kv := testing.resource("azurerm_key_vault", "kv", {"purge_protection_enabled": true})
	count(rule.deny) == 0 with input as testing.stack("prod", [kv])
}

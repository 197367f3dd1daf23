package rules.resilience.lock_without_prevent_destroy_test

import rego.v1

import data.lib.testing
import data.rules.resilience.lock_without_prevent_destroy as rule

lock := testing.referencing("azurerm_management_lock", "graph", {"lock_level": "CanNotDelete", "scope": null}, {"scope": ["azurerm_cosmosdb_account.graph.id"]})

account(lifecycle) := object.union(testing.resource("azurerm_cosmosdb_account", "graph", {}), lifecycle)

test_locked_without_prevent_destroy_warned if {
	[f] := [f | some f in rule.deny] with input as testing.resources([account({}), lock])
	f.address == "azurerm_cosmosdb_account.graph"
}

test_prevent_destroy_passes if {
	count(rule.deny) == 0 with input as testing.resources([account({"lifecycle": {"prevent_destroy": true}}), lock])
}

test_no_lock_no_finding if {
	count(rule.deny) == 0 with input as testing.resources([account({})])
}

# A module key may hold brackets and dots: `module.m["x].[y"]`. The lock in that instance still
# protects that instance's account, and one in another instance does not.
keyed(address, module, type, refs) := object.union(testing.referencing(type, "graph", {}, refs), {"address": address, "module": module})

test_module_key_with_brackets_and_dots_warned if {
	account_x := keyed(`module.m["x].[y"].azurerm_cosmosdb_account.graph`, `module.m["x].[y"]`, "azurerm_cosmosdb_account", {})
	account_z := keyed(`module.m["z"].azurerm_cosmosdb_account.graph`, `module.m["z"]`, "azurerm_cosmosdb_account", {})
	lock_x := keyed(`module.m["x].[y"].azurerm_management_lock.graph`, `module.m["x].[y"]`, "azurerm_management_lock", {"scope": [`module.m["x].[y"].azurerm_cosmosdb_account.graph.id`]})
	found := {f.address | some f in rule.deny} with input as testing.resources([account_x, account_z, lock_x])
	found == {`module.m["x].[y"].azurerm_cosmosdb_account.graph`}
}

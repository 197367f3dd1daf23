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

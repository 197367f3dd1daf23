package rules.cosmos.cosmos_continuous_backup_test

import rego.v1

import data.lib.testing
import data.rules.cosmos.cosmos_continuous_backup as rule

account(values) := testing.resource("azurerm_cosmosdb_account", "graph", values)

test_periodic_backup_denied if {
	findings := rule.deny with input as testing.resources([account({"backup": [{"type": "Periodic", "interval_in_minutes": 240}]})])
	testing.addresses(findings) == {"azurerm_cosmosdb_account.graph"}
}

test_default_backup_is_periodic_and_denied if {
	count(rule.deny) == 1 with input as testing.resources([account({"kind": "GlobalDocumentDB"})])
}

test_continuous_backup_passes if {
	count(rule.deny) == 0 with input as testing.resources([account({"backup": [{"type": "Continuous", "tier": "Continuous7Days"}]})])
}

test_other_types_ignored if {
	count(rule.deny) == 0 with input as testing.resources([testing.resource("azurerm_storage_account", "s", {})])
}

package rules.network.min_tls_version_test

import rego.v1

import data.lib.testing
import data.rules.network.min_tls_version as rule

test_weak_tls_denied_per_type if {
	rs := [
		testing.resource("azurerm_cosmosdb_account", "c", {"minimal_tls_version": "Tls11"}),
		testing.resource("azurerm_storage_account", "s", {"min_tls_version": "TLS1_0"}),
		testing.resource("azurerm_redis_cache", "r", {"minimum_tls_version": "1.1"}),
	]
	findings := rule.deny with input as testing.resources(rs)
	testing.addresses(findings) == {"azurerm_cosmosdb_account.c", "azurerm_storage_account.s", "azurerm_redis_cache.r"}
}

test_tls12_passes if {
	rs := [
		testing.resource("azurerm_cosmosdb_account", "c", {"minimal_tls_version": "Tls12"}),
		testing.resource("azurerm_storage_account", "s", {"min_tls_version": "TLS1_2"}),
		testing.resource("azurerm_redis_cache", "r", {"minimum_tls_version": "1.2"}),
	]
	count(rule.deny) == 0 with input as testing.resources(rs)
}

test_unset_passes if {
	count(rule.deny) == 0 with input as testing.resources([testing.resource("azurerm_storage_account", "s", {})])
}

test_message_names_the_attribute if {
	findings := rule.deny with input as testing.resources([testing.resource("azurerm_storage_account", "s", {"min_tls_version": "TLS1_1"})])
	some f in findings
	f.msg == "min_tls_version is TLS1_1: set it to TLS 1.2 (or later)"
}

test_data_source_not_checked if {
	read := object.union(testing.resource("azurerm_storage_account", "s", {"min_tls_version": "TLS1_0"}), {"mode": "data", "address": "data.azurerm_storage_account.s"})
	count(rule.deny) == 0 with input as testing.resources([read])
}

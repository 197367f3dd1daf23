package rules.monitoring.diagnostics_destination_type_test

import rego.v1

import data.lib.testing
import data.rules.monitoring.diagnostics_destination_type as rule

setting(destination, target) := testing.referencing(
	"azurerm_monitor_diagnostic_setting", "diag",
	{"log_analytics_destination_type": destination, "target_resource_id": null},
	{"target_resource_id": [target]},
)

test_dedicated_on_search_denied if {
	findings := rule.deny with input as testing.resources([setting("Dedicated", "azurerm_search_service.search.id")])
	[f] := [f | some f in findings]
	f.address == "azurerm_monitor_diagnostic_setting.diag"
	contains(f.msg, "azurerm_search_service.search (Microsoft.Search/searchServices)")
}

test_dedicated_on_cognitive_account_denied if {
	count(rule.deny) == 1 with input as testing.resources([setting("Dedicated", "module.ai.azurerm_cognitive_account.openai[0].id")])
}

test_azure_diagnostics_passes if {
	count(rule.deny) == 0 with input as testing.resources([setting("AzureDiagnostics", "azurerm_search_service.search.id")])
}

test_dedicated_on_a_type_with_resource_tables_passes if {
	count(rule.deny) == 0 with input as testing.resources([setting("Dedicated", "azurerm_key_vault.kv.id")])
}

test_unset_passes if {
	count(rule.deny) == 0 with input as testing.resources([setting(null, "azurerm_search_service.search.id")])
}

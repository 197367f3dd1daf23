package rules.network.public_network_restricted_test

import rego.v1

import data.lib.testing
import data.rules.network.public_network_restricted as rule

denied(r) if count(rule.deny) == 1 with input as testing.resources([r])

allowed(r) if count(rule.deny) == 0 with input as testing.resources([r])

vault(values) := testing.resource("azurerm_key_vault", "kv", values)

cosmos(values) := testing.resource("azurerm_cosmosdb_account", "graph", values)

test_public_by_default_denied if denied(vault({}))

test_public_access_off_passes if allowed(vault({"public_network_access_enabled": false}))

test_deny_by_default_acl_passes if allowed(vault({"network_acls": [{"default_action": "Deny", "bypass": "AzureServices"}]}))

test_allow_acl_denied if denied(vault({"network_acls": [{"default_action": "Allow"}]}))

test_storage_network_rules if {
	allowed(testing.resource("azurerm_storage_account", "s", {"network_rules": [{"default_action": "Deny"}]}))
	denied(testing.resource("azurerm_storage_account", "s", {}))
}

test_cosmos_ip_filter_passes if allowed(cosmos({"ip_range_filter": ["203.0.113.0/24"]}))

test_cosmos_vnet_filter_passes if allowed(cosmos({"is_virtual_network_filter_enabled": true}))

test_cosmos_all_azure_entry_restricts_nothing if {
	findings := rule.deny with input as testing.resources([cosmos({"ip_range_filter": ["203.0.113.0/24", "0.0.0.0"]})])
	some f in findings
	contains(f.msg, "ip_range_filter contains 0.0.0.0, which admits every Azure datacenter IP, of any tenant")
}

test_open_range_restricts_nothing if {
	findings := rule.deny with input as testing.resources([testing.resource("azurerm_search_service", "s", {"allowed_ips": ["0.0.0.0/0"]})])
	some f in findings
	contains(f.msg, "admits every address")
}

test_search_allowed_ips_pass if allowed(testing.resource("azurerm_search_service", "s", {"allowed_ips": ["203.0.113.7"]}))

test_public_access_from_an_expression_not_reported if {
	r := testing.referencing("azurerm_container_registry", "acr", {"public_network_access_enabled": null}, {"public_network_access_enabled": ["var.public"]})
	allowed(r)
}

test_other_types_ignored if allowed(testing.resource("azurerm_container_app", "api", {}))

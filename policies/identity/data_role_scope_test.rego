package rules.identity.data_role_scope_test

import rego.v1

import data.lib.testing
import data.rules.identity.data_role_scope as rule

assignment(values) := testing.resource("azurerm_role_assignment", "ra", object.union({"principal_id": "00000000-0000-0000-0000-000000000001"}, values))

test_data_role_on_a_resource_passes if {
	ra := assignment({"role_definition_name": "Key Vault Secrets User", "scope": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"})
	count(rule.deny) == 0 with input as testing.resources([ra])
}

test_control_plane_role_on_a_group_passes if {
	count(rule.deny) == 0 with input as testing.resources([assignment({"role_definition_name": "Reader", "scope": "/subscriptions/0/resourceGroups/rg"})])
}

test_data_role_on_a_group_denied if {
	findings := rule.deny with input as testing.resources([assignment({"role_definition_name": "search index data reader", "scope": "/subscriptions/0/resourceGroups/rg"})])
	testing.addresses(findings) == {"azurerm_role_assignment.ra"}
}

test_data_role_by_guid_on_a_subscription_denied if {
	ra := assignment({"role_definition_id": "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6", "scope": "/subscriptions/0"})
	count(rule.deny) == 1 with input as testing.resources([ra])
}

test_data_role_by_reference_to_a_resource_group_denied if {
	ra := testing.referencing("azurerm_role_assignment", "ra", {"role_definition_name": "Storage Blob Data Reader", "scope": "${azurerm_resource_group.rg.id}"}, {"scope": ["azurerm_resource_group.rg.id"]})
	count(rule.deny) == 1 with input as testing.resources([ra])
}

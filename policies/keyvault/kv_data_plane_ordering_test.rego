package rules.keyvault.kv_data_plane_ordering_test

import rego.v1

import data.lib.testing
import data.rules.keyvault.kv_data_plane_ordering as rule

vault(public) := testing.resource("azurerm_key_vault", "kv", {"public_network_access_enabled": public})

endpoint := testing.referencing(
	"azurerm_private_endpoint", "kv",
	{"private_service_connection": [{"name": "kv", "private_connection_resource_id": null}]},
	{"private_service_connection.0.private_connection_resource_id": ["azurerm_key_vault.kv.id"]},
)

secret(extra) := testing.referencing("azurerm_key_vault_secret", "key", {"name": "key", "key_vault_id": null}, object.union({"key_vault_id": ["azurerm_key_vault.kv.id"]}, extra))

test_secret_before_the_endpoint_denied if {
	findings := rule.deny with input as testing.resources([vault(false), endpoint, secret({})])
	[f] := [f | some f in findings]
	f.address == "azurerm_key_vault_secret.key"
	contains(f.msg, "(azurerm_private_endpoint.kv)")
}

test_no_endpoint_at_all_said if {
	findings := rule.deny with input as testing.resources([vault(false), secret({})])
	some f in findings
	contains(f.msg, "the configuration has none")
}

test_depends_on_the_endpoint_passes if {
	count(rule.deny) == 0 with input as testing.resources([vault(false), endpoint, secret({"depends_on": ["azurerm_private_endpoint.kv"]})])
}

test_depends_on_something_that_depends_on_the_endpoint_passes if {
	zone_link := testing.referencing("azurerm_private_dns_zone_virtual_network_link", "kv", {}, {"depends_on": ["azurerm_private_endpoint.kv"]})
	inp := testing.resources([vault(false), endpoint, zone_link, secret({"depends_on": ["azurerm_private_dns_zone_virtual_network_link.kv"]})])
	count(rule.deny) == 0 with input as inp
}

test_public_vault_passes if {
	count(rule.deny) == 0 with input as testing.resources([vault(true), secret({})])
}

test_secret_in_another_vault_passes if {
	other := testing.referencing("azurerm_key_vault_secret", "other", {"name": "o"}, {"key_vault_id": ["azurerm_key_vault.other.id"]})
	count(rule.deny) == 0 with input as testing.resources([vault(false), endpoint, other])
}

package rules.team.allowed_locations_test

import rego.v1

import data.rules.team.allowed_locations

approved := {"allowed_locations": ["swedencentral", "westeurope"]}

vault(location) := {"resources": [{
	"address": "azurerm_key_vault.kv",
	"mode": "managed",
	"type": "azurerm_key_vault",
	"values": {"name": "kv-a", "location": location},
}]}

test_approved_region_passes if {
	count(allowed_locations.deny) == 0 with input as vault("swedencentral") with data.params as approved
}

test_display_name_is_normalised if {
	count(allowed_locations.deny) == 0 with input as vault("West Europe") with data.params as approved
}

test_other_region_is_denied if {
	findings := allowed_locations.deny with input as vault("eastus") with data.params as approved
	count(findings) == 1
	some f in findings
	f.address == "azurerm_key_vault.kv"
}

test_location_expression_accepted if {
	count(allowed_locations.deny) == 0 with input as vault("${var.location}") with data.params as approved
}

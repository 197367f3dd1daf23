package rules.team.required_tags_test

import rego.v1

import data.rules.team.required_tags

rg(tags) := {"resources": [{
	"address": "azurerm_resource_group.rg",
	"mode": "managed",
	"type": "azurerm_resource_group",
	"values": {"name": "rg-a", "location": "swedencentral", "tags": tags},
}]}

test_all_tags_present_passes if {
	count(required_tags.deny) == 0 with input as rg({"owner": "team-a", "cost-center": "cc-1"})
}

test_missing_tag_is_denied if {
	findings := required_tags.deny with input as rg({"owner": "team-a"})
	count(findings) == 1
	some f in findings
	f.address == "azurerm_resource_group.rg"
	contains(f.msg, "cost-center")
}

test_empty_tag_is_denied if {
	count(required_tags.deny) == 1 with input as rg({"owner": " ", "cost-center": "cc-1"})
}

test_tags_as_expression_accepted if {
	count(required_tags.deny) == 0 with input as rg("${local.tags}")
}

test_required_tags_come_from_params if {
	count(required_tags.deny) == 1 with input as rg({"owner": "team-a", "cost-center": "cc-1"})
		with data.params as {"required_tags": ["owner", "cost-center", "data-class"]}
}

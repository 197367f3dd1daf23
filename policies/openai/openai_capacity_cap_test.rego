package rules.openai.openai_capacity_cap_test

import rego.v1

import data.lib.testing
import data.rules.openai.openai_capacity_cap as rule

deployment(sku) := testing.resource("azurerm_cognitive_deployment", "chat", {"sku": [sku]})

test_capacity_within_default_cap_passes if {
	count(rule.deny) == 0 with input as testing.resources([deployment({"name": "GlobalStandard", "capacity": 30})])
}

test_capacity_above_default_cap_denied if {
	findings := rule.deny with input as testing.resources([deployment({"name": "GlobalStandard", "capacity": 31})])
	testing.checks(findings) == {"capacity"}
}

test_unset_capacity_is_one if {
	count(rule.deny) == 0 with input as testing.resources([deployment({"name": "Standard"})]) with data.params as {"openai_capacity_cap": 1}
}

test_cap_per_environment if {
	inp := testing.stack("dev", [deployment({"name": "GlobalStandard", "capacity": 25})])
	p := {"openai_capacity_cap": 30, "environments": {"dev": {"openai_capacity_cap": 20}}}
	count(rule.deny) == 1 with input as inp with data.params as p
	count(rule.deny) == 0 with input as testing.stack("prod", [deployment({"name": "GlobalStandard", "capacity": 25})]) with data.params as p
}

test_provisioned_sku_denied if {
	findings := rule.deny with input as testing.resources([deployment({"name": "ProvisionedManaged", "capacity": 10})])
	testing.checks(findings) == {"provisioned-sku"}
}

test_provisioned_sku_allowed_by_parameter if {
	count(rule.deny) == 0 with input as testing.resources([deployment({"name": "GlobalProvisionedManaged", "capacity": 10})])
		with data.params as {"openai_allow_provisioned": true}
}

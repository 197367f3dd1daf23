package rules.containerapps.scale_to_zero_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.scale_to_zero as rule

app(template) := testing.resource("azurerm_container_app", "api", {"template": [template]})

test_scales_to_zero_within_cap_passes if {
	count(rule.deny) == 0 with input as testing.resources([app({"min_replicas": 0, "max_replicas": 3})])
}

test_min_replicas_denied if {
	findings := rule.deny with input as testing.resources([app({"min_replicas": 1, "max_replicas": 3})])
	testing.checks(findings) == {"min-replicas"}
}

test_max_above_cap_denied if {
	findings := rule.deny with input as testing.resources([app({"max_replicas": 20})])
	testing.checks(findings) == {"max-replicas"}
}

test_unset_max_is_ten_against_a_lower_cap if {
	findings := rule.deny with input as testing.stack("dev", [app({})]) with data.params as {"environments": {"dev": {"max_replicas_cap": 3}}}
	testing.checks(findings) == {"max-replicas"}
}

test_unset_max_within_default_cap_passes if {
	count(rule.deny) == 0 with input as testing.resources([app({})])
}

test_max_from_an_expression_not_reported if {
	r := testing.referencing("azurerm_container_app", "api", {"template": [{"max_replicas": null}]}, {"template.0.max_replicas": ["var.max_replicas"]})
	count(rule.deny) == 0 with input as testing.resources([r]) with data.params as {"max_replicas_cap": 3}
}

package rules.cost.budget_covers_estimate_test

import rego.v1

import data.rules.cost.budget_covers_estimate as rule

with_cost(idle, amount, unpriced) := {"resources": [], "outputs": [], "cost": {
	"currency": "USD", "idleMonthly": idle, "totalMonthly": idle, "unpriced": unpriced,
	"budgets": [{"address": "azurerm_consumption_budget_resource_group.b", "monthlyAmount": amount}],
}}

test_idle_over_budget_denied if {
	findings := rule.deny with input as with_cost(120.5, 100, 0)
	[f] := [f | some f in findings]
	f.check == "over-budget"
	f.address == "azurerm_consumption_budget_resource_group.b"
	contains(f.msg, "idle baseline 120.50 USD/month exceeds the budget of 100.00 USD/month")
}

test_unpriced_resources_noted if {
	findings := rule.deny with input as with_cost(120, 100, 2)
	some f in findings
	contains(f.msg, "2 resource(s) not priced")
}

test_little_headroom_warns if {
	findings := rule.deny with input as with_cost(90, 100, 0)
	[f] := [f | some f in findings]
	f.check == "headroom"
	f.severity == "warn"
}

test_headroom_ratio_parameter if {
	count(rule.deny) == 0 with input as with_cost(90, 100, 0) with data.params as {"budget_warn_ratio": 0.95}
}

test_well_within_budget_passes if {
	count(rule.deny) == 0 with input as with_cost(40, 100, 0)
}

test_no_cost_no_findings if {
	count(rule.deny) == 0 with input as {"resources": [], "outputs": []}
}

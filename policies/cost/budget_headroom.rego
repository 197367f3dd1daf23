# METADATA
# title: The budget leaves headroom above the idle cost
# description: >-
#   When a cost estimate is available (input.cost), warns when the idle baseline uses more than
#   budget_warn_ratio (default 80%) of a budget's monthly amount but not all of it
#   (budget-covers-estimate denies above 100%).
# custom:
#   id: budget-headroom
#   severity: warn
#   audit:
#     - "000 §1 Estimated baseline ~$1,200+/month with zero traffic"
#   resource_types:
#     - azurerm_consumption_budget_subscription
#     - azurerm_consumption_budget_resource_group
#     - azurerm_consumption_budget_management_group
package rules.cost.budget_headroom

import rego.v1

import data.lib.params

deny contains finding if {
	idle := input.cost.idleMonthly
	ratio := params.get("budget_warn_ratio", 0.8)
	some b in input.cost.budgets
	idle > b.monthlyAmount * ratio
	idle <= b.monthlyAmount
	finding := {
		"address": b.address,
		"msg": sprintf("idle baseline %s USD/month uses more than %s%% of the %s USD/month budget: leave room for traffic or raise amount", [usd(idle), usd(ratio * 100), usd(b.monthlyAmount)]),
	}
}

usd(x) := format_int(round(x), 10)

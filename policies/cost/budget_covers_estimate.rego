# METADATA
# title: The budget covers the idle cost estimate
# description: >-
#   When a cost estimate is available (input.cost), the idle baseline (monthly cost at zero traffic)
#   must fit in every budget's monthly amount: above 100% the budget alerts from day one (deny);
#   above budget_warn_ratio (default 80%) there is no room left for traffic (warn). No finding
#   without an estimate. The estimate leaves unpriced resources out, so the message says how many.
# custom:
#   id: budget-covers-estimate
#   severity: deny
#   checks:
#     over-budget: "the idle baseline is within the budget amount (deny)"
#     headroom: "the idle baseline leaves room: at most budget_warn_ratio of the amount (warn)"
#   audit:
#     - "000 §1 Estimated baseline ~$1,200+/month with zero traffic"
#     - "000 §1 No budget alerts"
#   resource_types:
#     - azurerm_consumption_budget_subscription
#     - azurerm_consumption_budget_resource_group
#     - azurerm_consumption_budget_management_group
package rules.cost.budget_covers_estimate

import rego.v1

import data.lib.params

deny contains finding if {
	idle := input.cost.idleMonthly
	some b in input.cost.budgets
	idle > b.monthlyAmount
	finding := {
		"address": b.address,
		"check": "over-budget",
		"attribute": "amount",
		"msg": sprintf("idle baseline %s USD/month exceeds the budget of %s USD/month%s: raise amount or cut idle cost (scale to zero, smaller SKUs)", [usd(idle), usd(b.monthlyAmount), unpriced_note]),
	}
}

# A warning, not a deny: the finding carries its own severity (the rule's METADATA says deny).
deny contains finding if {
	idle := input.cost.idleMonthly
	ratio := params.get("budget_warn_ratio", 0.8)
	some b in input.cost.budgets
	idle > b.monthlyAmount * ratio
	idle <= b.monthlyAmount
	finding := {
		"address": b.address,
		"check": "headroom",
		"attribute": "amount",
		"severity": "warn",
		"msg": sprintf("idle baseline %s USD/month uses more than %s%% of the %s USD/month budget%s: leave room for traffic or raise amount", [usd(idle), format_int(ratio * 100, 10), usd(b.monthlyAmount), unpriced_note]),
	}
}

unpriced_note := sprintf(" (%d resource(s) not priced, so the baseline may be higher)", [input.cost.unpriced]) if {
	input.cost.unpriced > 0
} else := ""

# Dollars and cents, whether the amount is an integer or not.
usd(x) := sprintf("%d.%02d", [floor(c / 100), c % 100]) if c := round(x * 100)

# METADATA
# title: The budget covers the idle cost estimate
# description: >-
#   When a cost estimate is available (input.cost), the idle baseline (monthly cost at zero traffic)
#   stays within every budget's monthly amount; otherwise the budget alerts from day one. No finding
#   without an estimate.
# custom:
#   id: budget-covers-estimate
#   severity: deny
#   audit:
#     - "000 §1 Estimated baseline ~$1,200+/month with zero traffic"
#     - "000 §1 No budget alerts"
#   resource_types:
#     - azurerm_consumption_budget_subscription
#     - azurerm_consumption_budget_resource_group
#     - azurerm_consumption_budget_management_group
package rules.cost.budget_covers_estimate

import rego.v1

deny contains finding if {
	idle := input.cost.idleMonthly
	some b in input.cost.budgets
	idle > b.monthlyAmount
	finding := {
		"address": b.address,
		"msg": sprintf("idle baseline %s USD/month exceeds the budget of %s USD/month: raise amount or cut idle cost (scale to zero, smaller SKUs)", [usd(idle), usd(b.monthlyAmount)]),
	}
}

usd(x) := format_int(round(x), 10)

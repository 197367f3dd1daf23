# METADATA
# title: A budget with alerts is required
# description: >-
#   The configuration declares at least one consumption budget (subscription, resource group or
#   management group) with an amount above 0 and enabled notifications on both actual and forecasted
#   cost, each with recipients (contact_emails, contact_groups or contact_roles).
# custom:
#   id: budget-required
#   severity: deny
#   checks:
#     present: "at least one consumption budget while there is any managed resource"
#     amount: "the budget amount is above 0"
#     notifications: "enabled Actual and Forecasted notifications with recipients"
#   audit:
#     - "000 §1 No budget alerts: nothing detects runaway spend"
#   resource_types:
#     - azurerm_consumption_budget_subscription
#     - azurerm_consumption_budget_resource_group
#     - azurerm_consumption_budget_management_group
package rules.cost.budget_required

import rego.v1

import data.lib.tf

budget_types := {
	"azurerm_consumption_budget_subscription",
	"azurerm_consumption_budget_resource_group",
	"azurerm_consumption_budget_management_group",
}

budgets := tf.resources_in(budget_types)

# Nothing to pay for (an empty configuration, a destroy plan): no budget is needed.
deny contains finding if {
	count(budgets) == 0
	# Some managed resource: the shared index's types, not the same finding made once per resource.
	count(tf.managed_types) > 0
	finding := {
		"address": "*",
		"check": "present",
		"msg": "no consumption budget: add an azurerm_consumption_budget_subscription or _resource_group with amount > 0 and Actual and Forecasted notifications",
	}
}

deny contains finding if {
	some b in budgets
	not amount_ok(b)
	finding := {"check": "amount", "address": b.address, "attribute": "amount", "msg": "amount is not above 0: set the budget amount to the monthly spend you expect"}
}

deny contains finding if {
	some b in budgets
	some kind in ["Actual", "Forecasted"]
	not alerts_on(b, kind)
	finding := {
		"address": b.address,
		"check": "notifications",
		"msg": sprintf("no enabled notification with threshold_type = %s and recipients: add one with contact_emails, contact_groups or contact_roles", [kind]),
	}
}

# A literal amount above 0, or an expression / a value unknown until apply.
amount_ok(b) if {
	amount := object.get(b.values, "amount", null)
	is_number(amount)
	amount > 0
}

amount_ok(b) if {
	amount := object.get(b.values, "amount", null)
	not is_number(amount)
	tf.attr_set(b, amount, ["amount"])
}

# `enabled` defaults to true and `threshold_type` to Actual; a threshold_type known only at apply
# may be either kind, so it counts for both (policies/README.md, "Known only at apply").
alerts_on(b, kind) if {
	some i, n in tf.blocks(b.values, "notification")
	object.get(n, "enabled", true) != false
	threshold_is(b, i, n, kind)
	has_recipients(b, i, n)
}

threshold_is(_, _, n, kind) if object.get(n, "threshold_type", "Actual") == kind

threshold_is(b, i, n, _) if tf.apply_time(b, object.get(n, "threshold_type", null), ["notification", i, "threshold_type"])

has_recipients(b, i, n) if {
	some key in ["contact_emails", "contact_groups", "contact_roles"]
	recipients(b, i, n, key)
}

recipients(_, _, n, key) if {
	v := object.get(n, key, [])
	is_array(v)
	count(v) > 0
}

recipients(_, _, n, key) if tf.is_expression(object.get(n, key, ""))

# A list known only after apply (e.g. an action group's id).
recipients(b, i, _, key) if tf.unknown(b, tf.path(["notification", i, key]))

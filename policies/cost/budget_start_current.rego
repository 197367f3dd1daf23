# METADATA
# title: A budget being created starts in the current month
# description: >-
#   Azure rejects creating a consumption budget whose time_period.start_date is before the first
#   day of the current month, and start_date is ForceNew (a change replaces the budget and resets
#   its history). The check's date is lib.params.today (parameter check_date, else the checker's
#   clock). In a plan the actions say whether the budget is created: create or replace is a deny,
#   an update or no-op is fine (the budget exists). In CDKTF/HCL the tool cannot know whether the
#   budget already exists, so it warns, unless lifecycle.ignore_changes covers the start date (a
#   new environment then takes the configured date, an existing budget keeps its own).
# custom:
#   id: budget-start-current
#   severity: deny
#   checks:
#     plan-create: "a budget the plan creates or replaces starts in the current month or later (deny)"
#     configuration: "a configured start before the current month is covered by ignore_changes (warn: the budget may exist)"
#   audit:
#     - "issue 8 §6 Budget that cannot be created next month"
#   resource_types:
#     - azurerm_consumption_budget_subscription
#     - azurerm_consumption_budget_resource_group
#     - azurerm_consumption_budget_management_group
package rules.cost.budget_start_current

import rego.v1

import data.lib.params
import data.lib.tf

budget_types := {
	"azurerm_consumption_budget_subscription",
	"azurerm_consumption_budget_resource_group",
	"azurerm_consumption_budget_management_group",
}

# A plan that creates (or replaces) the budget: the create fails.
deny contains finding if {
	input.format == "plan"
	some b in tf.resources_in(budget_types)
	"create" in object.get(b, "actions", [])
	month := stale_start_month(b)
	finding := {
		"address": b.address,
		"check": "plan-create",
		"attribute": "time_period.0.start_date",
		"msg": sprintf("this plan %s %s with time_period.start_date in %s, before the current month %s: Azure rejects the create; start a new budget on %s-01, and keep an existing budget's date with lifecycle ignore_changes = [time_period[0].start_date]", [verb(b), b.address, month, params.this_month, params.this_month]),
	}
}

# A configuration: it cannot say whether the budget exists, so a warning (the finding's severity).
deny contains finding if {
	input.format != "plan"
	some b in tf.resources_in(budget_types)
	month := stale_start_month(b)
	not tf.ignores_changes(b, "time_period.start_date")
	finding := {
		"address": b.address,
		"check": "configuration",
		"attribute": "time_period.0.start_date",
		"severity": "warn",
		"msg": sprintf("%s starts in %s, before the current month %s: creating it (a new environment, a rebuild) fails, and changing the date replaces an existing budget (ForceNew); configure the first month of a new budget and add lifecycle ignore_changes = [time_period[0].start_date] so that an existing budget keeps its own", [b.address, month, params.this_month]),
	}
}

verb(b) := "replaces" if {
	"delete" in b.actions
} else := "creates"

# "YYYY-MM" of a literal start date before the check's month; undefined for an expression.
stale_start_month(b) := month if {
	some tp in tf.blocks(b.values, "time_period")
	start := tp.start_date
	is_string(start)
	regex.match(`^\d{4}-\d{2}`, start)
	month := substring(start, 0, 7)
	month < params.this_month
}

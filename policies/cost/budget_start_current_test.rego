package rules.cost.budget_start_current_test

import rego.v1

import data.lib.testing
import data.rules.cost.budget_start_current as rule

budget(start) := testing.resource("azurerm_consumption_budget_resource_group", "b", {"amount": 100, "time_period": [{"start_date": start}]})

# A fixed check date, so that the tests give the same result every month.
params := {"check_date": "2026-12-05"}

planned(r, actions) := {"format": "plan", "source": "plan.json", "resources": [object.union(r, {"actions": actions})], "outputs": []}

test_past_month_in_configuration_warns if {
	findings := rule.deny with input as testing.resources([budget("2026-11-01T00:00:00Z")]) with data.params as params
	[f] := [f | some f in findings]
	f.check == "configuration"
	f.severity == "warn"
}

test_current_month_passes if {
	count(rule.deny) == 0 with input as testing.resources([budget("2026-12-01T00:00:00Z")]) with data.params as params
}

test_ignore_changes_keeps_an_existing_date if {
	r := object.union(budget("2025-01-01T00:00:00Z"), {"lifecycle": {"ignore_changes": ["time_period"]}})
	count(rule.deny) == 0 with input as testing.resources([r]) with data.params as params
}

test_plan_creating_a_past_budget_denied if {
	findings := rule.deny with input as planned(budget("2026-10-01T00:00:00Z"), ["create"]) with data.params as params
	[f] := [f | some f in findings]
	f.check == "plan-create"
	contains(f.msg, "this plan creates")
}

test_plan_replacing_says_so if {
	findings := rule.deny with input as planned(budget("2026-10-01T00:00:00Z"), ["delete", "create"]) with data.params as params
	some f in findings
	contains(f.msg, "this plan replaces")
}

test_plan_keeping_an_existing_budget_passes if {
	count(rule.deny) == 0 with input as planned(budget("2026-10-01T00:00:00Z"), ["no-op"]) with data.params as params
}

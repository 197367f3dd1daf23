package rules.cost.budget_required_test

import rego.v1

import data.lib.testing
import data.rules.cost.budget_required as rule

app := testing.resource("azurerm_container_app", "api", {})

budget(values) := testing.resource("azurerm_consumption_budget_resource_group", "b", values)

alert(kind) := {"enabled": true, "threshold": 90, "threshold_type": kind, "contact_emails": ["ops@example.com"]}

test_no_budget_denied if {
	findings := rule.deny with input as testing.resources([app])
	testing.checks(findings) == {"present"}
}

test_empty_input_passes if {
	count(rule.deny) == 0 with input as testing.resources([])
}

test_budget_with_both_alerts_passes if {
	b := budget({"amount": 100, "notification": [alert("Actual"), alert("Forecasted")]})
	count(rule.deny) == 0 with input as testing.resources([app, b])
}

test_zero_amount_denied if {
	b := budget({"amount": 0, "notification": [alert("Actual"), alert("Forecasted")]})
	findings := rule.deny with input as testing.resources([app, b])
	testing.checks(findings) == {"amount"}
}

test_missing_forecast_alert_denied if {
	b := budget({"amount": 100, "notification": [alert("Actual")]})
	findings := rule.deny with input as testing.resources([app, b])
	[f] := [f | some f in findings]
	f.check == "notifications"
	contains(f.msg, "threshold_type = Forecasted")
}

test_alert_without_recipients_or_disabled_denied if {
	quiet := object.remove(alert("Actual"), ["contact_emails"])
	off := object.union(alert("Forecasted"), {"enabled": false})
	findings := rule.deny with input as testing.resources([app, budget({"amount": 100, "notification": [quiet, off]})])
	count(findings) == 2
}

test_recipients_from_an_expression_count if {
	b := budget({"amount": 100, "notification": [
		object.union(alert("Actual"), {"contact_emails": "${var.emails}"}),
		alert("Forecasted"),
	]})
	count(rule.deny) == 0 with input as testing.resources([app, b])
}

# Data sources are not infrastructure to pay for: a configuration that only reads needs no budget.
test_only_data_sources_pass if {
	read := object.union(testing.resource("azurerm_resource_group", "rg", {}), {"mode": "data", "address": "data.azurerm_resource_group.rg"})
	count(rule.deny) == 0 with input as testing.resources([read])
	findings := rule.deny with input as testing.resources([read, app])
	testing.checks(findings) == {"present"}
}

package rules.monitoring.log_analytics_retention_test

import rego.v1

import data.lib.testing
import data.rules.monitoring.log_analytics_retention as rule

workspace(values) := testing.resource("azurerm_log_analytics_workspace", "logs", values)


test_explicit_retention_and_quota_pass if {
	count(rule.deny) == 0 with input as testing.resources([workspace({"retention_in_days": 30, "daily_quota_gb": 1})])
}

test_unset_retention_and_quota_denied if {
	findings := rule.deny with input as testing.resources([workspace({})])
	testing.checks(findings) == {"retention-set", "quota-set"}
}

test_retention_out_of_range_denied if {
	findings := rule.deny with input as testing.resources([workspace({"retention_in_days": 365, "daily_quota_gb": 1})])
	testing.checks(findings) == {"retention-range"}
}

test_unlimited_quota_denied if {
	findings := rule.deny with input as testing.resources([workspace({"retention_in_days": 30, "daily_quota_gb": -1})])
	testing.checks(findings) == {"quota-set"}
}

test_quota_above_cap_denied if {
	findings := rule.deny with input as testing.resources([workspace({"retention_in_days": 30, "daily_quota_gb": 6})])
	testing.checks(findings) == {"quota-cap"}
}

test_prod_parameters_allow_more if {
	p := {"environments": {"prod": {"log_retention_max_days": 180, "log_daily_quota_max_gb": 50}}}
	ws := workspace({"retention_in_days": 180, "daily_quota_gb": 20})
	count(rule.deny) == 0 with input as testing.stack("prod", [ws]) with data.params as p
	count(rule.deny) == 2 with input as testing.stack("dev", [ws]) with data.params as p
}

test_values_from_expressions_not_reported if {
	r := testing.referencing("azurerm_log_analytics_workspace", "logs", {"retention_in_days": null, "daily_quota_gb": null}, {
		"retention_in_days": ["var.retention"],
		"daily_quota_gb": ["var.quota"],
	})
	count(rule.deny) == 0 with input as testing.resources([r])
}

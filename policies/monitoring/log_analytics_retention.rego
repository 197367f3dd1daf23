# METADATA
# title: Log Analytics retention and daily cap are bounded
# description: >-
#   Log Analytics workspaces set retention_in_days explicitly within the environment's bounds and
#   cap ingestion with daily_quota_gb (the default -1 means unlimited) at or below the
#   environment's log_daily_quota_max_gb.
# custom:
#   id: log-analytics-retention
#   severity: deny
#   checks:
#     retention-set: "retention_in_days is set explicitly"
#     retention-range: "retention_in_days within log_retention_min_days..log_retention_max_days"
#     quota-set: "daily_quota_gb is set and not -1 (unlimited)"
#     quota-cap: "daily_quota_gb at most log_daily_quota_max_gb"
#   audit:
#     - "000 §1 Log Analytics retention ingests container logs continuously"
#     - "000 §6.7 Hardcoded DEBUG log level: enormous log volume in production"
#   resource_types:
#     - azurerm_log_analytics_workspace
package rules.monitoring.log_analytics_retention

import rego.v1

import data.lib.params
import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_log_analytics_workspace")
	not is_number(object.get(r.values, "retention_in_days", null))
	not tf.attr_set(r, null, ["retention_in_days"])
	finding := {
		"address": r.address,
		"check": "retention-set",
		"attribute": "retention_in_days",
		"msg": sprintf("retention_in_days is not set: set it explicitly between %d and %d days", [lo, hi]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_log_analytics_workspace")
	days := object.get(r.values, "retention_in_days", null)
	is_number(days)
	not between(days, lo, hi)
	finding := {
		"address": r.address,
		"check": "retention-range",
		"attribute": "retention_in_days",
		"msg": sprintf("retention_in_days is %d: keep it between %d and %d days for the %s environment", [days, lo, hi, params.environment]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_log_analytics_workspace")
	unlimited(r)
	finding := {
		"address": r.address,
		"check": "quota-set",
		"attribute": "daily_quota_gb",
		"msg": sprintf("daily_quota_gb is unset or -1 (unlimited ingestion): set daily_quota_gb to at most %d", [quota_max]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_log_analytics_workspace")
	quota := object.get(r.values, "daily_quota_gb", null)
	is_number(quota)
	quota > quota_max
	finding := {
		"address": r.address,
		"check": "quota-cap",
		"attribute": "daily_quota_gb",
		"msg": sprintf("daily_quota_gb is above the %s cap of %d GB: lower daily_quota_gb", [params.environment, quota_max]),
	}
}

lo := params.get("log_retention_min_days", 30)

hi := params.get("log_retention_max_days", 90)

quota_max := params.get("log_daily_quota_max_gb", 5)

between(x, a, b) if {
	x >= a
	x <= b
}

unlimited(r) if object.get(r.values, "daily_quota_gb", -1) == -1

unlimited(r) if {
	object.get(r.values, "daily_quota_gb", null) == null
	not tf.attr_set(r, null, ["daily_quota_gb"])
}

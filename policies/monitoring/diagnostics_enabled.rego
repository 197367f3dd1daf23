# METADATA
# title: Diagnostic settings send data-service logs to a workspace
# description: >-
#   Cosmos DB accounts, AI Search services, key vaults, container registries and Cognitive Services
#   (Azure OpenAI) accounts each have an azurerm_monitor_diagnostic_setting whose
#   target_resource_id is that resource and whose log_analytics_workspace_id is set, so that
#   failures and throttling are visible.
# custom:
#   id: diagnostics-enabled
#   severity: deny
#   audit:
#     - "000 §5 Silent failures: things that look fine but are not"
#     - "000 §6.8.2 All errors HTTP 200: monitoring and alerting never trigger"
#     - "000 §6.10.4 Cosmos DB 503 not retried"
#   resource_types:
#     - azurerm_cosmosdb_account
#     - azurerm_search_service
#     - azurerm_key_vault
#     - azurerm_container_registry
#     - azurerm_cognitive_account
#     - azurerm_monitor_diagnostic_setting
package rules.monitoring.diagnostics_enabled

import rego.v1

import data.lib.tf

monitored_types := {
	"azurerm_cosmosdb_account",
	"azurerm_search_service",
	"azurerm_key_vault",
	"azurerm_container_registry",
	"azurerm_cognitive_account",
}

deny contains finding if {
	some r in tf.resources_in(monitored_types)
	not monitored(r)
	finding := {
		"address": r.address,
		"msg": sprintf("no azurerm_monitor_diagnostic_setting targets this %s: add one with target_resource_id = %s.id and log_analytics_workspace_id set", [r.type, tf.local_instance_address(r)]),
	}
}

# A diagnostic setting on one instance (`azurerm_x.y[0].id`) covers that instance only; one whose
# target has no key (`azurerm_x.y[count.index].id` in a plan) covers every instance (tf.matches).
# A target that is the resource's own address and `.id` (what `target_resource_id = x.id` records,
# keys and all) names it: one set lookup. Any other target is matched by address views.
monitored(r) := true if {
	r.address in id_target_addresses
} else := true if {
	may_be_named(r.address)
	some v in tf.address_views(r.address)
	v in monitored_views
}

# What each target of the form `<address>.id` names.
id_target_addresses contains trim_suffix(t, ".id") if {
	some d in destined
	some t in tf.targets(d, "target_resource_id")
	endswith(t, ".id")
}

# A cheap first filter: equal views have the same names, the address's resource type among them,
# and that type is a step of the address's text; an address whose text holds none of the targets'
# types is named by none of them, and skips its views (resources of a type no setting targets: what
# this rule reports). Not worth it for many types.
may_be_named(addr) := true if {
	count(target_types) > 8
} else := true if {
	some t in target_types
	contains(addr, t)
}

# Built once per evaluation: a function body is re-evaluated for every resource, which on a
# 10,000-resource plan exhausts the module's memory (quadratic).
monitored_views contains v if {
	some rs in target_steps
	some v in tf.views(rs, "reference")
}

# The settings' targets as tf.resource_steps (their views are tf.views(steps, "reference")).
target_steps := [rs |
	some d in destined
	some t in tf.targets(d, "target_resource_id")
	rs := tf.resource_steps(t)
]

# Diagnostic settings that send to a Log Analytics workspace.
destined := [d |
	some d in tf.resources("azurerm_monitor_diagnostic_setting")
	tf.attr_set(d, object.get(d.values, "log_analytics_workspace_id", null), ["log_analytics_workspace_id"])
]

target_types := {rs[count(rs) - 2][0] | some rs in target_steps}

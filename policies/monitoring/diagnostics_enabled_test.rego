package rules.monitoring.diagnostics_enabled_test

import rego.v1

import data.lib.testing
import data.rules.monitoring.diagnostics_enabled as rule

vault := testing.resource("azurerm_key_vault", "kv", {})

setting(target, workspace) := testing.referencing(
	"azurerm_monitor_diagnostic_setting", "kv",
	{"target_resource_id": null, "log_analytics_workspace_id": workspace},
	{"target_resource_id": [target]},
)

test_unmonitored_denied if {
	findings := rule.deny with input as testing.resources([vault])
	testing.addresses(findings) == {"azurerm_key_vault.kv"}
}

test_setting_to_a_workspace_passes if {
	count(rule.deny) == 0 with input as testing.resources([vault, setting("azurerm_key_vault.kv.id", "/subscriptions/s/workspaces/w")])
}

test_setting_without_workspace_denied if {
	count(rule.deny) == 1 with input as testing.resources([vault, setting("azurerm_key_vault.kv.id", null)])
}

test_setting_on_another_resource_denied if {
	count(rule.deny) == 1 with input as testing.resources([vault, setting("azurerm_key_vault.other.id", "w")])
}

test_setting_on_one_instance_only if {
	v0 := object.union(vault, {"address": "azurerm_key_vault.kv[0]"})
	v1 := object.union(vault, {"address": "azurerm_key_vault.kv[1]"})
	findings := rule.deny with input as testing.resources([v0, v1, setting("azurerm_key_vault.kv[1].id", "w")])
	testing.addresses(findings) == {"azurerm_key_vault.kv[0]"}
}

test_unmonitored_types_ignored if {
	count(rule.deny) == 0 with input as testing.resources([testing.resource("azurerm_storage_account", "s", {})])
}

# The first filter on the targets' types reads the address, not r.type: an azapi resource is read
# as the azurerm type but keeps its address, which is what a setting targets.
test_setting_on_an_azapi_resource_passes if {
	acct := object.union(testing.resource("azurerm_cognitive_account", "oai", {}), {"address": "azapi_resource.oai"})
	count(rule.deny) == 0 with input as testing.resources([acct, setting("azapi_resource.oai.id", "w")])
}

test_settings_on_many_types_each_cover_their_own if {
	types := [
		"azurerm_storage_account", "azurerm_linux_web_app", "azurerm_servicebus_namespace",
		"azurerm_eventhub_namespace", "azurerm_redis_cache", "azurerm_mssql_server",
		"azurerm_postgresql_flexible_server", "azurerm_app_service_plan", "azurerm_api_management",
	]
	others := [setting(sprintf("%s.x.id", [t]), "w") | some t in types]
	v1 := testing.resource("azurerm_key_vault", "kv1", {})
	findings := rule.deny with input as testing.resources(array.concat([vault, v1, setting("azurerm_key_vault.kv.id", "w")], others))
	testing.addresses(findings) == {"azurerm_key_vault.kv1"}
	findings2 := rule.deny with input as testing.resources([vault, v1, setting("azurerm_key_vault.kv.id", "w"), others[0]])
	testing.addresses(findings2) == {"azurerm_key_vault.kv1"}
}

# A target that is not the resource's address plus `.id` is matched by address views: a key the
# target leaves out (a plan records `x.kv[count.index].id` as `x.kv.id`) matches every instance,
# and a key it gives must be the resource's own.
test_target_without_keys_covers_every_instance if {
	v0 := object.union(vault, {"address": "module.m[\"a\"].azurerm_key_vault.kv[0]", "module": "module.m[\"a\"]"})
	v1 := object.union(vault, {"address": "module.m[\"b\"].azurerm_key_vault.kv[1]", "module": "module.m[\"b\"]"})
	count(rule.deny) == 0 with input as testing.resources([v0, v1, setting("module.m.azurerm_key_vault.kv.id", "w")])
	findings := rule.deny with input as testing.resources([v0, v1, setting("module.m[\"b\"].azurerm_key_vault.kv.id", "w")])
	testing.addresses(findings) == {"module.m[\"a\"].azurerm_key_vault.kv[0]"}
}

test_target_of_another_attribute_covers_the_resource if {
	count(rule.deny) == 0 with input as testing.resources([vault, setting("azurerm_key_vault.kv.resource_id", "w")])
}

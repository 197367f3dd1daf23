package rules.containerapps.aca_env_infra_rg_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.aca_env_infra_rg as rule

consumption := [{"name": "Consumption", "workload_profile_type": "Consumption"}]

env(values) := testing.resource("azurerm_container_app_environment", "env", values)

vnet := {"infrastructure_subnet_id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/aca", "workload_profile": consumption}

test_vnet_consumption_without_group_name_denied if {
	findings := rule.deny with input as testing.resources([env(vnet)])
	testing.addresses(findings) == {"azurerm_container_app_environment.env"}
}

test_group_name_set_passes if {
	count(rule.deny) == 0 with input as testing.resources([env(object.union(vnet, {"infrastructure_resource_group_name": "ME_env"}))])
}

test_ignore_changes_passes if {
	r := object.union(env(vnet), {"lifecycle": {"ignore_changes": ["infrastructure_resource_group_name"]}})
	count(rule.deny) == 0 with input as testing.resources([r])
}

test_dedicated_profile_passes if {
	dedicated := [{"name": "Consumption", "workload_profile_type": "Consumption"}, {"name": "d4", "workload_profile_type": "D4"}]
	count(rule.deny) == 0 with input as testing.resources([env(object.union(vnet, {"workload_profile": dedicated}))])
}

test_no_subnet_passes if {
	count(rule.deny) == 0 with input as testing.resources([env({"workload_profile": consumption})])
}

test_no_workload_profile_passes if {
	count(rule.deny) == 0 with input as testing.resources([env(object.remove(vnet, ["workload_profile"]))])
}

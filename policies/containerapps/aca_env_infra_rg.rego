# METADATA
# title: A VNet Container Apps environment names its infrastructure resource group
# description: >-
#   An azurerm_container_app_environment with infrastructure_subnet_id and workload profiles gets an
#   Azure-generated "ME_..." infrastructure resource group. infrastructure_resource_group_name is
#   ForceNew, and the provider suppresses the diff against the generated name only when a
#   non-Consumption profile exists (azurerm 4.55 internal/services/containerapps/
#   container_app_environment_resource.go, DiffSuppressFunc; issues #27481, #28727): with
#   Consumption profiles only and no name, every plan after the first apply replaces the
#   environment and, through ForceNew container_app_environment_id, every app in it. Set the name,
#   or list it in lifecycle.ignore_changes (a plan does not record ignore_changes: set the name).
# custom:
#   id: aca-env-infra-rg
#   severity: deny
#   audit:
#     - "issue 8 §1 Environment replaced on every plan after the first apply"
#   resource_types:
#     - azurerm_container_app_environment
package rules.containerapps.aca_env_infra_rg

import rego.v1

import data.lib.tf

deny contains finding if {
	some env in tf.resources("azurerm_container_app_environment")
	# azurerm's ForceNew diff; an azapi environment (src/input/azapi.ts) sends only what its body
	# sets, and azapi does not diff properties left out of the body.
	object.get(env, "azapi", null) == null
	tf.attr_set(env, object.get(env.values, "infrastructure_subnet_id", null), ["infrastructure_subnet_id"])
	profiles := tf.blocks(env.values, "workload_profile")
	count(profiles) > 0
	every p in profiles {
		p.workload_profile_type == "Consumption"
	}
	not tf.attr_set(env, object.get(env.values, "infrastructure_resource_group_name", null), ["infrastructure_resource_group_name"])
	not tf.ignores_changes(env, "infrastructure_resource_group_name")
	finding := {
		"address": env.address,
		"msg": sprintf("%s has infrastructure_subnet_id and only Consumption workload profiles but no infrastructure_resource_group_name: Azure names the group ME_..., and every later plan replaces the environment and all its apps (the attribute is ForceNew); set infrastructure_resource_group_name (or lifecycle ignore_changes = [infrastructure_resource_group_name])", [env.address]),
	}
}

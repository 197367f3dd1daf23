# METADATA
# title: Azure OpenAI capacity is capped
# description: >-
#   Cognitive deployments keep sku.capacity (thousands of tokens per minute; default 1) at or below
#   the environment's openai_capacity_cap, and do not use provisioned (PTU) SKUs, which bill by the
#   hour at zero traffic, unless openai_allow_provisioned is set.
# custom:
#   id: openai-capacity-cap
#   severity: deny
#   checks:
#     capacity: "sku.capacity at most openai_capacity_cap"
#     provisioned-sku: "no provisioned (PTU) SKU unless openai_allow_provisioned"
#   audit:
#     - "000 §1 GPT-4.1 at 300K TPM over-provisioned, costs at zero traffic"
#     - "000 §2 No concurrency limit: unlimited Azure AI token spend"
#   resource_types:
#     - azurerm_cognitive_deployment
package rules.openai.openai_capacity_cap

import rego.v1

import data.lib.params
import data.lib.tf

provisioned_skus := {"ProvisionedManaged", "GlobalProvisionedManaged", "DataZoneProvisionedManaged"}

deny contains finding if {
	some r in tf.resources("azurerm_cognitive_deployment")
	some i, sku in tf.blocks(r.values, "sku")
	capacity := object.get(sku, "capacity", 1)
	is_number(capacity)
	cap := params.get("openai_capacity_cap", 30)
	capacity > cap
	finding := {
		"address": r.address,
		"check": "capacity",
		"attribute": tf.path(["sku", i, "capacity"]),
		"msg": sprintf("sku.capacity is %d (thousand TPM), above the %s cap of %d: lower sku.capacity or raise openai_capacity_cap for this environment", [capacity, params.environment, cap]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_cognitive_deployment")
	some i, sku in tf.blocks(r.values, "sku")
	sku.name in provisioned_skus
	not params.get("openai_allow_provisioned", false)
	finding := {
		"address": r.address,
		"check": "provisioned-sku",
		"attribute": tf.path(["sku", i, "name"]),
		"msg": sprintf("sku.name %s is a provisioned (PTU) SKU billed hourly even when idle: use GlobalStandard or Standard (pay per token)", [sku.name]),
	}
}

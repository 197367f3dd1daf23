# METADATA
# title: Azure OpenAI deployments use a model version that is not retired
# description: >-
#   An azurerm_cognitive_deployment of a model version past its retirement date cannot be created
#   (and an existing one returns errors): the provider accepts any non-empty name and version, so
#   this fails only at apply. Dates come from the table `openai_model_retirements` in
#   policies/params.json (Azure OpenAI model retirement table, each row with its source; a row may
#   give a date per deployment SKU), compared with the check's date (lib.params.today). A model or
#   version the table does not list is not a finding.
# custom:
#   id: openai-model-current
#   severity: deny
#   audit:
#     - "issue 8 §4 Retired model"
#   resource_types:
#     - azurerm_cognitive_deployment
package rules.openai.openai_model_current

import rego.v1

import data.lib.params
import data.lib.tf

deny contains finding if {
	some d in tf.resources("azurerm_cognitive_deployment")
	some i, m in tf.blocks(d.values, "model")
	object.get(m, "format", "OpenAI") == "OpenAI"
	is_string(m.name)
	is_string(m.version)
	row := retirements[sprintf("%s@%s", [m.name, m.version])]
	sku := sku_name(d)
	retired := retirement_date(row, sku)
	retired <= params.today
	finding := {
		"address": d.address,
		"attribute": tf.path(["model", i, "version"]),
		"msg": sprintf("model %s version %s%s was retired on %s (check date %s; source: %s): a deployment of it cannot be created; deploy a current version", [m.name, m.version, sku_note(row, sku), retired, params.today, row.source]),
	}
}

retirements := r if {
	r := params.get("openai_model_retirements", {})
	is_object(r)
} else := {}

sku_name(d) := name if {
	some s in tf.blocks(d.values, "sku")
	name := s.name
	is_string(name)
} else := ""

# The date for the deployment's SKU where the row gives one, else the row's date.
retirement_date(row, sku) := object.get(object.get(row, "retirement_by_sku", {}), sku, row.retirement)

sku_note(row, sku) := sprintf(" on %s", [sku]) if {
	object.get(row, "retirement_by_sku", {})[sku]
} else := ""

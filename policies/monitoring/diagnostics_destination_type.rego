# METADATA
# title: No Dedicated log destination for services without resource-specific tables
# description: >-
#   log_analytics_destination_type = "Dedicated" asks Azure to write resource logs into
#   resource-specific tables. AI Search (Microsoft.Search/searchServices) and Cognitive Services /
#   Azure OpenAI (Microsoft.CognitiveServices/accounts) have none: every log category they emit
#   goes to AzureDiagnostics (Azure Monitor "Supported logs" reference for each type), the service
#   stores no destination type, the API returns null and every plan shows a change.
# custom:
#   id: diagnostics-destination-type
#   severity: deny
#   audit:
#     - "issue 8 §7 Perpetual diff on diagnostics"
#   resource_types:
#     - azurerm_monitor_diagnostic_setting
#     - azurerm_search_service
#     - azurerm_cognitive_account
package rules.monitoring.diagnostics_destination_type

import rego.v1

import data.lib.tf

# Resource types whose every log category lands in AzureDiagnostics (no resource-specific table),
# with the page that says so:
#   https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-search-searchservices-logs
#     (OperationLogs → AzureDiagnostics)
#   https://learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-cognitiveservices-accounts-logs
#     (Audit, RequestResponse, Trace, AzureOpenAIRequestUsage → AzureDiagnostics)
azure_diagnostics_only := {
	"azurerm_search_service": "Microsoft.Search/searchServices",
	"azurerm_cognitive_account": "Microsoft.CognitiveServices/accounts",
}

deny contains finding if {
	some d in tf.resources("azurerm_monitor_diagnostic_setting")
	object.get(d.values, "log_analytics_destination_type", null) == "Dedicated"
	some t in tf.targets(d, "target_resource_id")
	azure_type := azure_diagnostics_only[target_kind(t)]
	finding := {
		"address": d.address,
		"attribute": "log_analytics_destination_type",
		"msg": sprintf("log_analytics_destination_type = \"Dedicated\" on %s (%s), which has no resource-specific tables (its logs go to AzureDiagnostics): the API returns no destination type and every plan shows a change; remove the attribute or set \"AzureDiagnostics\"", [tf.target_resource(t), azure_type]),
	}
}

# The type the target reads as: an azapi resource's mapped azurerm type (src/input/azapi.ts: the
# target `azapi_resource.search.id` names a Microsoft.Search/searchServices), else the address's type.
target_kind(t) := azapi_kinds[tf.target_address(t)] if {
	azapi_kinds[tf.target_address(t)]
} else := tf.target_type(t)

azapi_kinds[tf.unkeyed(r.address)] := r.type if {
	some r in input.resources
	object.get(r, "azapi", null) != null
}

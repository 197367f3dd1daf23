# METADATA
# title: Data services are not open to the internet
# description: >-
#   Cosmos DB, AI Search, Key Vault, Container Registry, Cognitive Services and Storage keep
#   public_network_access_enabled = false (the provider default is true) and are reached through
#   private endpoints or trusted services. A warning: Basic/Standard registries cannot disable it.
# custom:
#   id: public-network-restricted
#   severity: warn
#   audit:
#     - "000 §2 No authentication on any endpoint: no gate on the front door"
#     - "000 §2 Cosmos DB primary key visible: network is the remaining barrier"
#   resource_types:
#     - azurerm_cosmosdb_account
#     - azurerm_search_service
#     - azurerm_key_vault
#     - azurerm_container_registry
#     - azurerm_cognitive_account
#     - azurerm_storage_account
package rules.network.public_network_restricted

import rego.v1

import data.lib.tf

data_types := {
	"azurerm_cosmosdb_account",
	"azurerm_search_service",
	"azurerm_key_vault",
	"azurerm_container_registry",
	"azurerm_cognitive_account",
	"azurerm_storage_account",
}

deny contains finding if {
	some r in tf.resources_in(data_types)
	tf.bool_or_default(r.values, "public_network_access_enabled", true)
	finding := {
		"address": r.address,
		"msg": "public_network_access_enabled is true (the provider default): set it to false and connect through a private endpoint",
	}
}

# METADATA
# title: TLS 1.2 or later
# description: >-
#   Services that let the client negotiate old TLS versions keep the minimum at 1.2: Cosmos DB
#   minimal_tls_version (default Tls12), Storage min_tls_version (default TLS1_2), Redis
#   minimum_tls_version (default 1.2). Only explicit downgrades are reported.
# custom:
#   id: min-tls-version
#   severity: deny
#   audit:
#     - "004 Infrastructure: set up SSL/TLS certificates"
#     - "000 §2 Security / abuse: no gate on the front door"
#   resource_types:
#     - azurerm_cosmosdb_account
#     - azurerm_storage_account
#     - azurerm_redis_cache
package rules.network.min_tls_version

import rego.v1

import data.lib.tf

# Attribute and the values below TLS 1.2, per type.
weak := {
	"azurerm_cosmosdb_account": ["minimal_tls_version", {"Tls", "Tls11"}],
	"azurerm_storage_account": ["min_tls_version", {"TLS1_0", "TLS1_1"}],
	"azurerm_redis_cache": ["minimum_tls_version", {"1.0", "1.1"}],
}

weak_types := {t | some t, _ in weak}

deny contains finding if {
	# Through the shared index by type: one pass over the input's resources serves every rule.
	some r in tf.resources_in(weak_types)
	spec := weak[r.type]
	v := object.get(r.values, spec[0], null)
	v in spec[1]
	finding := {
		"address": r.address,
		"attribute": spec[0],
		"msg": sprintf("%s is %s: set it to TLS 1.2 (or later)", [spec[0], v]),
	}
}

# METADATA
# title: Ingress is HTTPS only
# description: >-
#   Container app ingress keeps allow_insecure_connections false (the default) so that plain HTTP
#   is redirected to HTTPS.
# custom:
#   id: https-only
#   severity: deny
#   audit:
#     - "000 §2 No authentication on any endpoint (transport security is the first layer)"
#     - "004 Infrastructure: set up SSL/TLS certificates"
#   resource_types:
#     - azurerm_container_app
package rules.containerapps.https_only

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	some i, ingress in tf.blocks(r.values, "ingress")
	object.get(ingress, "allow_insecure_connections", false) == true
	finding := {
		"address": r.address,
		"attribute": tf.path(["ingress", i, "allow_insecure_connections"]),
		"msg": "ingress.allow_insecure_connections is true: set it to false so HTTP requests are redirected to HTTPS",
	}
}

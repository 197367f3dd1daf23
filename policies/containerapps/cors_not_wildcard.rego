# METADATA
# title: CORS is not a wildcard
# description: >-
#   Container app ingress CORS never allows origin "*", and lists methods and headers instead of
#   "*"; a CORS_* environment variable is not "*" either.
# custom:
#   id: cors-not-wildcard
#   severity: deny
#   checks:
#     ingress: "ingress.cors origins, methods and headers are never \"*\""
#     env: "no *CORS* environment variable set to \"*\""
#   audit:
#     - "000 §2 CORS allow_methods=[\"*\"], allow_headers=[\"*\"]"
#     - "000 §6.1.4 allow_credentials=True with wildcard is a security anti-pattern"
#     - "001 CORS permissive origins [\"*\"]: CSRF attacks"
#   resource_types:
#     - azurerm_container_app
package rules.containerapps.cors_not_wildcard

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	some ii, ingress in tf.blocks(r.values, "ingress")
	some ci, cors in tf.blocks(ingress, "cors")
	some key in ["allowed_origins", "allowed_methods", "allowed_headers"]
	some v in object.get(cors, key, [])
	wildcard(v)
	finding := {
		"address": r.address,
		"check": "ingress",
		"attribute": tf.path(["ingress", ii, "cors", ci, key]),
		"msg": sprintf("ingress.cors.%s contains \"*\": list the exact values instead", [key]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	some ti, t in tf.blocks(r.values, "template")
	some ci, c in tf.blocks(t, "container")
	some ei, e in tf.blocks(c, "env")
	contains(upper(object.get(e, "name", "")), "CORS")
	wildcard_list(object.get(e, "value", ""))
	finding := {
		"address": r.address,
		"check": "env",
		"attribute": tf.path(["template", ti, "container", ci, "env", ei, "value"]),
		"msg": sprintf("environment variable %s allows \"*\": set the exact origins, methods or headers", [e.name]),
	}
}

wildcard(v) if trim_space(v) == "*"

# "*", "[\"*\"]", "https://a.example.com,*".
wildcard_list(s) if {
	is_string(s)
	some part in split(s, ",")
	trim(trim_space(part), "[]\"' ") == "*"
}

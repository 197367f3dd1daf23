# METADATA
# title: Production configuration has no development leftovers
# description: >-
#   In production, container app environment variables and ingress CORS origins do not point at
#   localhost, and no LOG_LEVEL-style variable is DEBUG or TRACE.
# custom:
#   id: prod-config-sane
#   severity: warn
#   checks:
#     localhost-env: "no environment variable points at localhost in production"
#     debug-logging: "no *LOG_LEVEL* at DEBUG/TRACE in production"
#     localhost-cors: "no localhost CORS origin in production"
#   audit:
#     - "000 §5 CORS blocks production graph-query-api: hardcoded localhost origins"
#     - "000 §6.1.3 CORS_ORIGINS defaults to http://localhost:5173"
#     - "000 §6.7.1 Hardcoded DEBUG log level in production"
#     - "000 §8.5.1 Hardcoded backend localhost:8000"
#   resource_types:
#     - azurerm_container_app
package rules.containerapps.prod_config_sane

import rego.v1

import data.lib.params
import data.lib.tf

deny contains finding if {
	params.is_prod
	some r in tf.resources("azurerm_container_app")
	some [path, e] in env_vars(r)
	local_host(object.get(e, "value", ""))
	finding := {
		"address": r.address,
		"check": "localhost-env",
		"attribute": path,
		"msg": sprintf("environment variable %s points at localhost in production: set the production URL", [object.get(e, "name", "")]),
	}
}

deny contains finding if {
	params.is_prod
	some r in tf.resources("azurerm_container_app")
	some [path, e] in env_vars(r)
	contains(upper(object.get(e, "name", "")), "LOG_LEVEL")
	upper(object.get(e, "value", "")) in {"DEBUG", "TRACE"}
	finding := {
		"address": r.address,
		"check": "debug-logging",
		"attribute": path,
		"msg": sprintf("environment variable %s is %s in production: use INFO or WARNING", [e.name, e.value]),
	}
}

deny contains finding if {
	params.is_prod
	some r in tf.resources("azurerm_container_app")
	some ii, ingress in tf.blocks(r.values, "ingress")
	some ci, cors in tf.blocks(ingress, "cors")
	some origin in object.get(cors, "allowed_origins", [])
	local_host(origin)
	finding := {
		"address": r.address,
		"check": "localhost-cors",
		"attribute": tf.path(["ingress", ii, "cors", ci, "allowed_origins"]),
		"msg": sprintf("ingress.cors.allowed_origins has %s in production: list the production origins only", [origin]),
	}
}

# Each env entry with its path (where a finding points).
env_vars(r) := [[tf.path(["template", ti, "container", ci, "env", ei, "value"]), e] |
	some ti, t in tf.blocks(r.values, "template")
	some ci, c in tf.blocks(t, "container")
	some ei, e in tf.blocks(c, "env")
]

local_host(v) if {
	is_string(v)
	some h in ["localhost", "127.0.0.1", "0.0.0.0"]
	contains(lower(v), h)
}

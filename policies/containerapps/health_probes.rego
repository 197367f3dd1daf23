# METADATA
# title: Containers have liveness and readiness probes
# description: >-
#   Every container of a container app declares a liveness_probe (restart when hung) and a
#   readiness_probe (no traffic until dependencies are reachable).
# custom:
#   id: health-probes
#   severity: deny
#   audit:
#     - "000 §6.1.1 /health returns static ok without checking dependencies"
#     - "000 §6.11.5 No HEALTHCHECK: orchestrators cannot detect an unhealthy app"
#     - "004 §12 No health check endpoint"
#     - "001 Health checks: readiness check failure"
#   resource_types:
#     - azurerm_container_app
package rules.containerapps.health_probes

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	some ti, t in tf.blocks(r.values, "template")
	some i, c in tf.blocks(t, "container")
	some probe in ["liveness_probe", "readiness_probe"]
	count(tf.blocks(c, probe)) == 0
	# tf.path(["template", ti, "container", i, probe]) spelled out: the indexes are numbers, and the
	# path is built for every missing probe (4,000 on the 10k bench plan).
	not tf.unknown(r, concat(".", ["template", format_int(ti, 10), "container", format_int(i, 10), probe]))
	finding := {
		"address": r.address,
		"msg": sprintf("template.container.%d (%s) has no %s: add one on the app's health endpoint", [i, name(c), probe]),
	}
}

name(c) := n if {
	n := object.get(c, "name", "")
	is_string(n)
} else := "unnamed"

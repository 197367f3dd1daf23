# METADATA
# title: Container apps scale to zero
# description: >-
#   Container apps keep template.min_replicas at 0 (unset means the provider default 0) so that an
#   idle app costs nothing, and bound template.max_replicas (provider default 10) by the
#   environment's max_replicas_cap parameter so that a traffic spike or loop cannot scale spend.
# custom:
#   id: scale-to-zero
#   severity: deny
#   checks:
#     min-replicas: "template.min_replicas is 0 or unset"
#     max-replicas: "template.max_replicas at most max_replicas_cap"
#   audit:
#     - "000 §1 Container App min-replicas=1 never scales to zero"
#     - "000 §2 No concurrency limit: unlimited parallel investigations"
#   resource_types:
#     - azurerm_container_app
package rules.containerapps.scale_to_zero

import rego.v1

import data.lib.params
import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	some i, t in tf.blocks(r.values, "template")
	lo := object.get(t, "min_replicas", 0)
	is_number(lo)
	lo > 0
	finding := {
		"address": r.address,
		"check": "min-replicas",
		"attribute": tf.path(["template", i, "min_replicas"]),
		"msg": sprintf("template.min_replicas is %d: set it to 0 (or leave it unset) so the app scales to zero when idle", [lo]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	some i, t in tf.blocks(r.values, "template")
	hi := max_replicas(r, i, t)
	cap := params.get("max_replicas_cap", 10)
	hi > cap
	finding := {
		"address": r.address,
		"check": "max-replicas",
		"attribute": tf.path(["template", i, "max_replicas"]),
		"msg": sprintf("template.max_replicas is %d (unset means 10) above the %s cap of %d: set template.max_replicas to at most %d", [hi, params.environment, cap, cap]),
	}
}

# The literal value, else 10 (the provider default) when unset; undefined for an expression or a
# value unknown until apply.
max_replicas(r, i, t) := m if {
	m := object.get(t, "max_replicas", 10)
	is_number(m)
} else := 10 if {
	not tf.attr_set(r, object.get(t, "max_replicas", null), ["template", i, "max_replicas"])
}

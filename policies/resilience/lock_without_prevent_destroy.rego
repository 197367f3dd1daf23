# METADATA
# title: A resource under a management lock of the same configuration has prevent_destroy
# description: >-
#   An azurerm_management_lock whose scope references a resource of the same configuration depends
#   on it, so `terraform destroy` (`cdktf destroy`) deletes the lock first and then the resource
#   (provider issue #2959): the lock does not protect against the configuration it lives in. Only
#   lifecycle.prevent_destroy on the resource stops that. A plan does not record lifecycle, so on a
#   plan every such lock is reported with that caveat (check the configuration instead).
# custom:
#   id: lock-without-prevent-destroy
#   severity: warn
#   audit:
#     - "issue 8 §5 Locks that do not protect and that break deploys"
#   resource_types:
#     - azurerm_management_lock
package rules.resilience.lock_without_prevent_destroy

import rego.v1

import data.lib.tf

deny contains finding if {
	count(locked_names) > 0
	some r in input.resources
	r.mode == "managed"
	candidate(r.address)
	some v in tf.address_views(r.address)
	v in locked_views
	not tf.prevent_destroy(r)
	finding := {
		"address": r.address,
		"msg": sprintf("%s is protected by a management lock whose scope references it, so destroy deletes the lock first and then the resource; add lifecycle { prevent_destroy = true } to it%s", [r.address, plan_note]),
	}
}

locks := tf.resources("azurerm_management_lock")

# What the locks' scopes name, instance keys included (tf.matches).
locked_views contains v if {
	some l in locks
	some t in tf.targets(l, "scope")
	some v in tf.reference_views(t)
}

# A cheap first filter: the locked addresses without instance keys.
# `<type>.<name>` of each resource a lock's scope references. A resource whose views match a target's
# has that target's type and name in its address, so only addresses holding one are matched view by
# view. (Comparing unkeyed addresses instead, split on brackets, misread a module key holding `].`,
# such as `module.m["x].[y"]`, and passed such a lock over.)
locked_names contains concat(".", [rs[count(rs) - 2][0], rs[count(rs) - 1][0]]) if {
	some l in locks
	some t in tf.targets(l, "scope")
	rs := tf.resource_steps(t)
}

candidate(addr) if {
	some n in locked_names
	contains(addr, n)
}

plan_note := " (a plan does not record prevent_destroy: check the configuration to tell)" if {
	input.format == "plan"
} else := ""

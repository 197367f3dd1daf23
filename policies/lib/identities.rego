# Which identities container apps and jobs run as, and which principal a role assignment or access
# policy names, instance by instance. A reference decides only when it names exactly one
# candidate: a plan records `azurerm_user_assigned_identity.app[each.key].id` without its key, and
# such a reference could be any instance, so it attaches (or grants) none of them for these rules,
# which report sharing and excess access and must not guess it.
package lib.identities

import rego.v1

import data.lib.tf

apps := tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})

# User-assigned identities, managed or data sources.
user_assigned := [r | some r in input.resources; r.type == "azurerm_user_assigned_identity"]

# The one address among `candidates` that reference target t names; undefined when it names none
# or several.
sole(t, candidates) := addr if {
	named := {c | some c in candidates; tf.matches(t, c)}
	count(named) == 1
	some addr in named
}

user_assigned_addresses := {r.address | some r in user_assigned}

# [identity address, app address] for each user-assigned identity listed in an app's
# identity.identity_ids.
attached contains [id, r.address] if {
	some r in apps
	some ref in r.references
	startswith(ref.attribute, "identity.0.identity_ids")
	some t in ref.targets
	id := sole(t, user_assigned_addresses)
}

# Principals that can stand behind an app: its user-assigned identities, and the app itself for its
# system-assigned identity (`azurerm_container_app.x.identity[0].principal_id`).
principal_candidates := user_assigned_addresses | {r.address | some r in apps}

# The principal (identity or app address) that attribute `attribute` of resource r references.
principal(r, attribute) := p if {
	some t in tf.targets(r, attribute)
	principal_target(t)
	p := sole(t, principal_candidates)
}

principal_target(t) if tf.target_attribute(t) == "principal_id"

principal_target(t) if endswith(tf.target_attribute(t), ".principal_id")

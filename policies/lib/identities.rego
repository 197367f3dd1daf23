# Which identities container apps and jobs run as, and which resource a reference names, instance
# by instance. A reference decides only when it names exactly one resource: a plan records
# `azurerm_user_assigned_identity.app[each.key].id` without its key, and such a reference could be
# any instance, so for these rules (which report sharing and excess access, and must not guess it)
# it attaches or grants none of them.
package lib.identities

import rego.v1

import data.lib.tf

apps := tf.resources_in(app_types)

app_types := {"azurerm_container_app", "azurerm_container_app_job"}

# Resource types the identity rules look references up in (managed resources and data sources).
indexed_types := app_types | {
	"azurerm_user_assigned_identity",
	"azurerm_key_vault",
	"azurerm_key_vault_secret",
	"azurerm_resource_group",
	"azapi_resource",
}

# The indexed resources, in one pass over the input (on a large plan each pass over its resource
# objects costs more than the work on the few of these types).
indexed := [r | some r in input.resources; r.type in indexed_types]

type_of := {r.address: r.type | some r in indexed}

# Address views (tf.address_views) of the indexed resources, built once per evaluation so that a
# reference is resolved by set lookups rather than by comparing it with every resource.
by_view[v] contains r.address if {
	some r in indexed
	some v in tf.address_views(r.address)
}

# The one indexed resource reference target t names (its type and name are the target's, so the
# candidates are instances of one resource); undefined when it names none or several.
sole(t) := addr if {
	named := {a | some v in tf.reference_views(t); some a in by_view[v]}
	count(named) == 1
	some addr in named
}

# [identity address, app address] for each user-assigned identity listed in an app's
# identity.identity_ids.
attached contains [id, r.address] if {
	some r in apps
	some ref in r.references
	startswith(ref.attribute, "identity.0.identity_ids")
	some t in ref.targets
	id := sole(t)
	type_of[id] == "azurerm_user_assigned_identity"
}

# The principal that attribute `attribute` of resource r references: a user-assigned identity
# (`.principal_id`), or an app or job for its system-assigned identity
# (`azurerm_container_app.x.identity[0].principal_id`).
principal(r, attribute) := p if {
	some t in tf.targets(r, attribute)
	principal_target(t)
	p := sole(t)
	type_of[p] in app_types | {"azurerm_user_assigned_identity"}
}

principal_target(t) if tf.target_attribute(t) == "principal_id"

principal_target(t) if endswith(tf.target_attribute(t), ".principal_id")

# METADATA
# title: One user-assigned identity per app
# description: >-
#   A user-assigned identity is attached (identity.identity_ids) to at most one container app or
#   container app job. An identity shared between workloads holds the union of their roles, so the
#   least-privileged app (often the internet-facing one) can reach every data service any of them
#   needs. Give each app its own identity with only its roles. A reference that cannot say which
#   instance it names (a plan's `identity[each.key]`) is not counted.
# custom:
#   id: identity-per-app
#   severity: warn
#   checks:
#     shared-identity: "a user-assigned identity resource is attached to one app or job at most"
#     shared-identity-id: "a literal user-assigned identity id is in one app's or job's identity_ids at most"
#   audit:
#     - "000 §2 No authentication on any endpoint: what an app's identity can reach, any caller can"
#   resource_types:
#     - azurerm_user_assigned_identity
#     - azurerm_container_app
#     - azurerm_container_app_job
package rules.identity.identity_per_app

import rego.v1

import data.lib.identities
import data.lib.tf

deny contains finding if {
	some id in {id | some [id, _] in identities.attached}
	users := sort({app | some [id2, app] in identities.attached; id2 == id})
	count(users) > 1
	finding := {
		"address": id,
		"check": "shared-identity",
		"msg": sprintf("this identity is attached to %d apps (%s): give each app its own user-assigned identity holding only the roles that app needs", [count(users), concat(", ", users)]),
	}
}

# An identity given by its literal resource id (created elsewhere) in several apps' identity_ids:
# reported on each app, since no resource here stands for the identity. Literals are read only
# where an app's identity_ids has no reference (a plan shows a referenced identity's known id too).
deny contains finding if {
	some [key, app, id] in literal_attached
	others := sort({a | some [key2, a, _] in literal_attached; key2 == key; a != app})
	count(others) > 0
	finding := {
		"address": app,
		"check": "shared-identity-id",
		"attribute": "identity.0.identity_ids",
		"msg": sprintf("identity %s is also attached to %s: give each app its own user-assigned identity holding only the roles that app needs", [id, concat(", ", others)]),
	}
}

# [lower-cased id (Azure resource ids compare case-insensitively), app address, id as written]
literal_attached contains [lower(v), r.address, v] if {
	some r in identities.apps
	not referenced_ids(r)
	some block in tf.blocks(r.values, "identity")
	some v in object.get(block, "identity_ids", [])
	is_string(v)
	contains(lower(v), "/userassignedidentities/")
}

referenced_ids(r) if {
	some ref in r.references
	startswith(ref.attribute, "identity.0.identity_ids")
}

# METADATA
# title: Registry pulls use a user-assigned identity with AcrPull
# description: >-
#   A container app that pulls from a registry with registry.identity uses a user-assigned identity
#   (a system-assigned one only exists after the app, whose first revision then fails to pull),
#   lists it in identity.identity_ids, and that identity holds an AcrPull role assignment.
# custom:
#   id: acr-pull-identity
#   severity: deny
#   checks:
#     user-assigned: "registry.identity is a user-assigned identity"
#     identity-attached: "that identity is listed in identity.identity_ids"
#     acr-pull-role: "that identity holds AcrPull"
#   audit:
#     - "000 §9.2 ACR admin user enabled: should use managed identity-based ACR pull"
#   resource_types:
#     - azurerm_container_app
#     - azurerm_container_app_job
#     - azurerm_role_assignment
package rules.registry.acr_pull_identity

import rego.v1

import data.lib.tf

acr_pull_role_id := "7f951dda-4ed3-4680-a7ca-43fe172d538d"

apps := tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})

deny contains finding if {
	some r in apps
	some i, reg in tf.blocks(r.values, "registry")
	tf.attr_set(r, object.get(reg, "identity", null), ["registry", i, "identity"])
	count(identities(r, i)) == 0
	not literal_user_assigned(reg)
	not identity_at_apply(r, reg, i)
	finding := {
		"address": r.address,
		"check": "user-assigned",
		"attribute": tf.path(["registry", i, "identity"]),
		"msg": sprintf("registry.%d.identity is not a user-assigned identity: reference azurerm_user_assigned_identity.<name>.id", [i]),
	}
}

deny contains finding if {
	some r in apps
	some i, _ in tf.blocks(r.values, "registry")
	some id in identities(r, i)
	not attached(r, id)
	finding := {
		"address": r.address,
		"check": "identity-attached",
		"msg": sprintf("registry.%d.identity %s is not listed in identity.identity_ids: add it (type UserAssigned)", [i, id]),
	}
}

deny contains finding if {
	some r in apps
	some i, _ in tf.blocks(r.values, "registry")
	some id in identities(r, i)
	not has_acr_pull(id)
	finding := {
		"address": r.address,
		"check": "acr-pull-role",
		"msg": sprintf("registry.%d.identity %s has no AcrPull role assignment: add azurerm_role_assignment with role_definition_name = \"AcrPull\" and principal_id = %s.principal_id", [i, id, id]),
	}
}

# The user-assigned identities registry.<i>.identity refers to, with the instance keys the reference
# gives (`azurerm_user_assigned_identity.pull["api"]`); matched to identity_ids and role assignment
# principals instance by instance (tf.matches), a reference without a key matching every instance.
identities(r, i) := {tf.target_resource(t) |
	some t in tf.targets(r, tf.path(["registry", i, "identity"]))
	contains(tf.target_address(t), "azurerm_user_assigned_identity.")
}

# Known only at apply (policies/README.md): an expression or unknown value that references no
# resource (a variable with no value) may well be a user-assigned identity's id.
identity_at_apply(r, reg, i) if {
	tf.apply_time(r, object.get(reg, "identity", null), ["registry", i, "identity"])
	not references_resource(r, i)
}

references_resource(r, i) if {
	some t in tf.targets(r, tf.path(["registry", i, "identity"]))
	tf.resource_steps(t)
	not split(t, ".")[0] in {"var", "local", "each", "count", "path", "terraform", "self"}
}

literal_user_assigned(reg) if contains(lower(object.get(reg, "identity", "")), "/userassignedidentities/")

attached(r, id) if {
	some ref in r.references
	startswith(ref.attribute, "identity.0.identity_ids")
	some t in ref.targets
	tf.matches(t, id)
}

has_acr_pull(id) if {
	some v in tf.address_views(id)
	v in acr_pull_views
}

# Built once per evaluation (see diagnostics_enabled): what the AcrPull role assignments' principals name.
acr_pull_views contains v if {
	some ra in tf.resources("azurerm_role_assignment")
	acr_pull(ra)
	some t in tf.targets(ra, "principal_id")
	some v in tf.reference_views(t)
}

acr_pull(ra) if object.get(ra.values, "role_definition_name", "") == "AcrPull"

acr_pull(ra) if endswith(object.get(ra.values, "role_definition_id", ""), acr_pull_role_id)

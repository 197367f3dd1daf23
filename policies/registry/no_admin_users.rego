# METADATA
# title: No registry admin users
# description: >-
#   Container registries keep the shared admin user off, and container apps pull images with a
#   managed identity (registry.identity), never with a username and password secret.
# custom:
#   id: no-admin-users
#   severity: deny
#   checks:
#     admin-user: "the registry admin user is off (admin_enabled not true)"
#     registry-password: "apps do not pull with username/password_secret_name"
#     registry-identity: "every registry block of an app names an identity"
#   audit:
#     - "000 §2 ACR admin credentials enabled"
#     - "000 §9.2 ACR admin user enabled"
#   resource_types:
#     - azurerm_container_registry
#     - azurerm_container_app
#     - azurerm_container_app_job
package rules.registry.no_admin_users

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_container_registry")
	object.get(r.values, "admin_enabled", false) == true
	finding := {
		"address": r.address,
		"check": "admin-user",
		"attribute": "admin_enabled",
		"msg": "admin_enabled is true: set admin_enabled = false and grant AcrPull to a managed identity",
	}
}

deny contains finding if {
	some r in tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})
	some i, reg in tf.blocks(r.values, "registry")
	password_pull(r, reg, i)
	finding := {
		"address": r.address,
		"check": "registry-password",
		"attribute": password_attribute(r, reg, i),
		"msg": sprintf("registry.%d pulls from %s with username/password_secret_name: remove them and set registry.identity to a user-assigned identity with AcrPull", [i, server(reg)]),
	}
}

deny contains finding if {
	some r in tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})
	some i, reg in tf.blocks(r.values, "registry")
	not password_pull(r, reg, i)
	not tf.attr_set(r, object.get(reg, "identity", null), ["registry", i, "identity"])
	finding := {
		"address": r.address,
		"check": "registry-identity",
		"attribute": tf.path(["registry", i]),
		"msg": sprintf("registry.%d (%s) has no identity: set registry.identity to a user-assigned identity with AcrPull", [i, server(reg)]),
	}
}

# The password (or, without one, the username) the registry block pulls with.
password_attribute(r, reg, i) := tf.path(["registry", i, "password_secret_name"]) if {
	tf.attr_set(r, object.get(reg, "password_secret_name", null), ["registry", i, "password_secret_name"])
} else := tf.path(["registry", i, "username"])

password_pull(r, reg, i) if {
	some key in ["password_secret_name", "username"]
	tf.attr_set(r, object.get(reg, key, null), ["registry", i, key])
}

server(reg) := s if {
	s := object.get(reg, "server", "")
	is_string(s)
	s != ""
} else := "the registry"

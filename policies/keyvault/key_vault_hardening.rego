# METADATA
# title: Key Vault is hardened
# description: >-
#   Key vaults use Azure RBAC for data-plane access (rbac_authorization_enabled in azurerm 4.x, or
#   the deprecated enable_rbac_authorization), enable purge protection so that deleted secrets can be
#   recovered, and deny network access by default (network_acls.default_action = "Deny").
# custom:
#   id: key-vault-hardening
#   severity: deny
#   checks:
#     rbac: "data-plane access through Azure RBAC, not access policies"
#     purge-protection: "purge protection on"
#     network-acl: "network_acls deny by default"
#   audit:
#     - "000 §9.1 Cosmos DB key exposed: should use Key Vault"
#     - "001 Integration connectors: unencrypted credentials, encrypt sensitive fields"
#   resource_types:
#     - azurerm_key_vault
package rules.keyvault.key_vault_hardening

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_key_vault")
	not rbac(r)
	finding := {
		"address": r.address,
		"check": "rbac",
		"attribute": rbac_attribute(r),
		"msg": "access policies instead of Azure RBAC: set rbac_authorization_enabled = true (enable_rbac_authorization before azurerm 4.42)",
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_key_vault")
	object.get(r.values, "purge_protection_enabled", false) != true
	not tf.apply_time(r, object.get(r.values, "purge_protection_enabled", null), ["purge_protection_enabled"])
	finding := {
		"address": r.address,
		"check": "purge-protection",
		"attribute": "purge_protection_enabled",
		"msg": "purge_protection_enabled is not true: set purge_protection_enabled = true so deleted secrets stay recoverable",
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_key_vault")
	not deny_by_default(r)
	finding := {
		"address": r.address,
		"check": "network-acl",
		"attribute": "network_acls.0.default_action",
		"msg": "network_acls.default_action is not Deny: add network_acls { default_action = \"Deny\", bypass = \"AzureServices\" }",
	}
}

rbac(r) if {
	some key in ["rbac_authorization_enabled", "enable_rbac_authorization"]
	object.get(r.values, key, false) == true
}

# The pre-4.42 name where only it is set, else the current one.
rbac_attribute(r) := "enable_rbac_authorization" if {
	object.get(r.values, "rbac_authorization_enabled", null) == null
	object.get(r.values, "enable_rbac_authorization", null) != null
} else := "rbac_authorization_enabled"

# Known only at apply (an expression, a variable with no value) is accepted. Both names are
# Optional+Computed (key_vault_resource.go), so a plan shows an omitted one as unknown: that is the
# provider default (access policies), not a value known only at apply.
rbac(r) if {
	some key in ["rbac_authorization_enabled", "enable_rbac_authorization"]
	tf.apply_time_computed(r, object.get(r.values, key, null), [key])
}

deny_by_default(r) if {
	some acl in tf.blocks(r.values, "network_acls")
	acl.default_action == "Deny"
}

# default_action known only at apply is accepted. A plan's unknown network_acls block is not: the
# block is Optional+Computed, so an omitted block (the provider default, Allow) shows as unknown in a
# plan that creates the vault.
deny_by_default(r) if {
	some i, acl in tf.blocks(r.values, "network_acls")
	tf.apply_time(r, object.get(acl, "default_action", null), ["network_acls", i, "default_action"])
}

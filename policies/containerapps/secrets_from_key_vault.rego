# METADATA
# title: Container app secrets come from Key Vault
# description: >-
#   Container app and job secrets reference Key Vault (key_vault_secret_id with the identity that
#   reads it) instead of holding a value, so credentials never sit in Terraform state or the
#   synthesized configuration and rotate without a redeploy.
# custom:
#   id: secrets-from-key-vault
#   severity: deny
#   audit:
#     - "000 §9.1 Cosmos DB key exposed: should use Key Vault"
#     - "000 §9.2 ACR admin credential shared, never rotated"
#     - "001 JWT auth: SECRET_KEY default/compromised"
#     - "004 Infrastructure: secrets management (env vars)"
#   resource_types:
#     - azurerm_container_app
#     - azurerm_container_app_job
package rules.containerapps.secrets_from_key_vault

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})
	some i, s in tf.blocks(r.values, "secret")
	not from_key_vault(r, s, i)
	finding := {
		"address": r.address,
		"attribute": secret_attribute(s, i),
		"msg": sprintf("secret.%d (%s) holds a value: set key_vault_secret_id to a Key Vault secret and identity to the identity that reads it", [i, secret_name(s)]),
	}
}

from_key_vault(r, s, i) if {
	tf.attr_set(r, object.get(s, "key_vault_secret_id", null), ["secret", i, "key_vault_secret_id"])
	tf.attr_set(r, object.get(s, "identity", null), ["secret", i, "identity"])
}

# The literal value where one is written, else the secret block (an identity or vault id is missing).
secret_attribute(s, i) := tf.path(["secret", i, "value"]) if {
	object.get(s, "value", null) != null
} else := tf.path(["secret", i])

secret_name(s) := n if {
	n := object.get(s, "name", "")
	is_string(n)
} else := "unnamed"

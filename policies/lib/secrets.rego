# Recognises reference targets that carry a credential: account keys, master keys, connection
# strings, SAS tokens, admin passwords, generated passwords.
package lib.secrets

import rego.v1

import data.lib.tf

# True when reference target t ("azurerm_cosmosdb_account.graph.primary_key") is a credential.
is_credential(t) if {
	attr := tf.target_attribute(t)
	some seg in split(attr, ".")
	credential_attribute(seg)
}

is_credential(t) if {
	startswith(tf.target_address(t), "random_password.")
	tf.target_attribute(t) in {"result", "bcrypt_hash"}
}

credential_attribute(a) if a in {
	"primary_key", "secondary_key", "query_keys", "admin_password", "sas", "sas_url",
	"primary_shared_key", "secondary_shared_key", "primary_access_key", "secondary_access_key",
	"access_key", "shared_access_key", "primary_write_key", "secondary_write_key",
	"primary_read_key", "secondary_read_key", "password", "client_secret", "kube_config_raw",
	"kube_admin_config_raw",
}

credential_attribute(a) if endswith(a, "_master_key")

credential_attribute(a) if endswith(a, "_access_key")

credential_attribute(a) if contains(a, "connection_string")

credential_attribute(a) if endswith(a, "_sas")

credential_attribute(a) if contains(a, "sas_token")

credential_attribute(a) if endswith(a, "_password")

credential_attribute(a) if endswith(a, "_shared_key")

# Attributes built to hold a secret: a Key Vault secret, a container app / job secret, and any
# attribute that is itself a credential input (`administrator_login_password = random_password.x.result`,
# a SAS data source's `connection_string`): the provider treats those as sensitive.
secret_sink(_, attribute) if {
	parts := split(attribute, ".")
	credential_attribute(parts[count(parts) - 1])
}

secret_sink(r, attribute) if {
	r.type == "azurerm_key_vault_secret"
	attribute in {"value", "value_wo"}
}

secret_sink(r, attribute) if {
	r.type in {"azurerm_container_app", "azurerm_container_app_job", "azurerm_container_app_environment_dapr_component"}
	parts := split(attribute, ".")
	count(parts) == 3
	parts[0] == "secret"
	parts[2] == "value"
}

# azapi's write-only request body (`sensitive_body`, Terraform >= 1.11): merged into the request sent to
# Azure Resource Manager and kept neither in the plan nor in state (Azure/terraform-provider-azapi,
# docs/resources/resource.md), as the stacks write the Gremlin key into Key Vault through ARM.
secret_sink(r, attribute) if {
	r.type in {"azapi_resource", "azapi_update_resource"}
	split(attribute, ".")[0] == "sensitive_body"
}

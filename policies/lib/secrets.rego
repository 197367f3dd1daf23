# Recognises reference targets that carry a credential: account keys, master keys, connection
# strings, SAS tokens, admin passwords, generated passwords.
package lib.secrets

import rego.v1

import data.lib.sensitive_attributes
import data.lib.tf

# True when reference target t ("azurerm_cosmosdb_account.graph.primary_key") is a credential.
is_credential(t) if credential_form(tf.unkeyed(t))

# is_credential for a target the input references (a resource's reference or an output's),
# decided once per unkeyed form: every instance of a module refers to the same attributes, so a
# plan of thousands of module instances has a handful of forms. False for a target the input
# does not reference.
is_referenced_credential(t) if tf.unkeyed(t) in credential_forms

credential_forms := {u | some u in referenced_forms; credential_form(u)}

referenced_forms contains tf.unkeyed(t) if {
	some r in input.resources
	some ref in r.references
	some t in ref.targets
}

referenced_forms contains tf.unkeyed(t) if {
	some o in input.outputs
	some t in o.references
}

# A target without its instance keys names a credential.
credential_form(u) if {
	parts := split(u, ".")
	start := tf.resource_start(parts)
	count(parts) > start + 2
	credential_target(parts, start, array.slice(parts, start + 2, count(parts)))
}

# By name: an attribute segment matches a credential pattern (any provider).
credential_target(_, _, attr) if {
	some seg in attr
	credential_attribute(seg)
}

credential_target(parts, start, attr) if {
	parts[start] == "random_password"
	concat(".", attr) in {"result", "bcrypt_hash"}
}

# The provider schema says so (lib.sensitive_attributes, generated from the schema's Sensitive and
# write-only flags): `azurerm_container_registry_token_password.x.password1[0].value`, a value
# inside such an attribute, or a block that holds one (`password1`). The name patterns remain for
# types the facts do not list (other providers, newer types).
credential_target(parts, start, attr) if {
	facts := sensitive_attributes[target_kind(parts, start)][parts[start]]
	segs := attribute_segments(attr)
	n := count(segs)
	n > 0
	some i in numbers.range(1, n)
	schema_match(facts[concat(".", array.slice(segs, 0, i))], i == n)
}

# The whole attribute is sensitive or holds a sensitive one; a part of it is sensitive.
schema_match(v, _) if v == "sensitive"

schema_match(v, whole) if {
	v == "holds"
	whole
}

target_kind(parts, start) := "data_sources" if {
	start > 0
	parts[start - 1] == "data"
} else := "resources"

mode_kind := {"managed": "resources", "data": "data_sources"}

# Attribute segments without list indexes and splats: `password1.0.value` -> ["password1", "value"].
attribute_segments(segs) := [s | some s in segs; not index_segment(s)]

index_segment(s) if s == "*"

index_segment(s) if trim_left(s, "0123456789") == ""

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

# An attribute the provider schema declares sensitive, or a value inside one
# (`container.0.secure_environment_variables.DB_PASSWORD` of azurerm_container_group).
secret_sink(r, attribute) if {
	facts := sensitive_attributes[mode_kind[r.mode]][r.type]
	segs := attribute_segments(split(attribute, "."))
	count(segs) > 0
	some i in numbers.range(1, count(segs))
	facts[concat(".", array.slice(segs, 0, i))] == "sensitive"
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

# azapi (src/input/azapi.ts): the write-only request body (`sensitive_body`, Terraform >= 1.11) is
# merged into the request sent to Azure Resource Manager and kept neither in the plan nor in state
# (Azure/terraform-provider-azapi, docs/resources/resource.md), as the stacks write the Gremlin key
# into Key Vault through ARM; and ARM properties that are themselves credential inputs
# (`azureFile.accountKey`, `appLogsConfiguration.logAnalyticsConfiguration.sharedKey`,
# `daprAIConnectionString`, a `secrets[].value`) are where a key must go. Properties the mapping
# reads are already under their azurerm names (a container app secret is `secret.<i>.value`);
# these are the ones it leaves under `body.` / `sensitive_body.`.
secret_sink(r, attribute) if {
	azapi(r)
	split(attribute, ".")[0] == "sensitive_body"
}

secret_sink(r, attribute) if {
	azapi(r)
	parts := split(attribute, ".")
	parts[0] == "body"
	arm_credential_input(parts)
}

azapi(r) if r.type in {"azapi_resource", "azapi_update_resource"}

azapi(r) if object.get(r, "azapi", null) != null

arm_credential_input(parts) if {
	name := lower(parts[count(parts) - 1])
	some suffix in arm_credential_suffixes
	endswith(name, suffix)
}

# `secrets[<i>].value` of an ARM secret list (container apps, jobs, Dapr components, environments).
arm_credential_input(parts) if {
	count(parts) >= 3
	parts[count(parts) - 1] == "value"
	parts[count(parts) - 3] == "secrets"
}

arm_credential_suffixes := {
	"accountkey", "sharedkey", "accesskey", "masterkey", "primarykey", "secondarykey", "storagekey",
	"connectionstring", "password", "clientsecret", "sastoken", "instrumentationkey",
}

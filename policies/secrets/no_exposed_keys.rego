# METADATA
# title: No exposed keys
# description: >-
#   Outputs (sensitive or not) and non-secret attributes must not carry account keys, master keys,
#   connection strings, SAS tokens or admin passwords, whether referenced directly, inside a function
#   call or through module outputs; Key Vault secrets are the only allowed sink. A credential is an
#   attribute the provider schema declares sensitive (azurerm 4.55 facts in lib.sensitive_attributes,
#   e.g. a registry token's password1[0].value) or, for other providers, one whose name says so.
#   Services that support Entra ID data-plane auth (AI Search, Cognitive Services, Cosmos DB NoSQL)
#   must turn key auth off.
# custom:
#   id: no-exposed-keys
#   severity: deny
#   checks:
#     output: "no output (sensitive or not) references a credential"
#     credential-reference: "no non-secret attribute (env value, app setting, tag…) references a credential"
#     sensitive-value: "no container env value or app setting holds a sensitive value in plain text"
#     literal-credential: "no literal key or connection string in a container env value"
#     search-local-auth: "AI Search local_authentication_enabled = false (Entra ID only)"
#     cognitive-local-auth: "Cognitive Services local_auth_enabled = false (Entra ID only)"
#     cosmos-local-auth: "Cosmos DB NoSQL local_authentication_disabled = true (Entra ID only)"
#   audit:
#     - "000 §2 Cosmos DB primary key in Bicep output"
#     - "000 §9.1 Cosmos DB key exposed as deployment output"
#     - "001 Integration connectors: unencrypted credentials"
#   resource_types:
#     - azurerm_search_service
#     - azurerm_cognitive_account
#     - azurerm_cosmosdb_account
package rules.secrets.no_exposed_keys

import rego.v1

import data.lib.secrets
import data.lib.tf

deny contains finding if {
	# Most inputs reference no credential at all: then no output or reference needs a look.
	count(secrets.credential_forms) > 0
	some o in input.outputs
	creds := sort({t | some t in o.references; secrets.is_referenced_credential(t)})
	count(creds) > 0
	finding := {
		"address": o.address,
		"check": "output",
		"attribute": "value",
		"msg": sprintf("output %s exposes %s (marking it sensitive does not hide it from state or deployment logs); remove the output and store the credential in azurerm_key_vault_secret, or use managed identity", [o.name, concat(", ", creds)]),
	}
}

deny contains finding if {
	count(secrets.credential_forms) > 0
	some r in input.resources
	some ref in r.references
	creds := sort({t | some t in ref.targets; secrets.is_referenced_credential(t)})
	count(creds) > 0
	# After the credentials: most references name none, and then whether the attribute is a sink
	# (several schema lookups) need not be asked.
	not secrets.secret_sink(r, ref.attribute)
	finding := {
		"address": r.address,
		"check": "credential-reference",
		"attribute": ref.attribute,
		"msg": sprintf("%s refers to %s in a non-secret attribute; store it in azurerm_key_vault_secret and reference the secret (or use managed identity) instead", [ref.attribute, concat(", ", creds)]),
	}
}

# A value Terraform treats as sensitive (an account key whose attribute the reference does not name,
# as in `one(azurerm_x.y[*].primary_key)` or a dynamic block's iterator in a plan; a variable or
# module output declared sensitive) in an environment variable value or app setting.
deny contains finding if {
	some r in input.resources
	some p in object.get(r, "sensitive", [])
	plain_setting(r.type, split(p, "."))
	not credential_reference(r, p)
	finding := {
		"address": r.address,
		"check": "sensitive-value",
		"attribute": p,
		"msg": sprintf("%s holds a sensitive value (a key, password or a variable/output declared sensitive) in plain text: store it in azurerm_key_vault_secret and reference it with secret_name, or use managed identity", [p]),
	}
}

deny contains finding if {
	some r in tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})
	some ti, t in tf.blocks(r.values, "template")
	some ci, c in tf.blocks(t, "container")
	some ei, e in tf.blocks(c, "env")
	literal_credential(object.get(e, "value", ""))
	finding := {
		"address": r.address,
		"check": "literal-credential",
		"attribute": tf.path(["template", ti, "container", ci, "env", ei, "value"]),
		"msg": sprintf("template.0.container.%d.env.%d (%s) holds a literal key or connection string: put it in Key Vault and reference it with secret_name", [ci, ei, object.get(e, "name", "")]),
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_search_service")
	tf.bool_attr(r, "local_authentication_enabled", true) == true
	finding := {
		"address": r.address,
		"check": "search-local-auth",
		"attribute": "local_authentication_enabled",
		"msg": "local_authentication_enabled is true (the provider default): set local_authentication_enabled = false so that only Entra ID (RBAC) can query the index",
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_cognitive_account")
	tf.bool_attr(r, "local_auth_enabled", true) == true
	finding := {
		"address": r.address,
		"check": "cognitive-local-auth",
		"attribute": "local_auth_enabled",
		"msg": "local_auth_enabled is true (the provider default): set local_auth_enabled = false and call the endpoint with Entra ID tokens",
	}
}

deny contains finding if {
	some r in tf.resources("azurerm_cosmosdb_account")
	nosql(r)
	tf.bool_attr(r, "local_authentication_disabled", false) == false
	finding := {
		"address": r.address,
		"check": "cosmos-local-auth",
		"attribute": "local_authentication_disabled",
		"msg": "local_authentication_disabled is not true on a NoSQL account: set local_authentication_disabled = true and use Cosmos DB SQL role assignments",
	}
}

app_settings_types := {
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
	"azurerm_windows_function_app", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
}

# template.<i>.container.<j>.env.<k>.value (also init containers)
plain_setting(type, parts) if {
	type in {"azurerm_container_app", "azurerm_container_app_job"}
	count(parts) == 7
	parts[0] == "template"
	parts[2] in {"container", "init_container"}
	parts[4] == "env"
	parts[6] == "value"
}

plain_setting(type, parts) if {
	type in app_settings_types
	parts[0] == "app_settings"
}

plain_setting(_, parts) if parts[0] == "tags"

credential_reference(r, p) if {
	some ref in r.references
	ref.attribute == p
	some t in ref.targets
	secrets.is_referenced_credential(t)
}

# Key-only APIs: only NoSQL accounts can enforce Entra ID auth with local_authentication_disabled.
non_sql_capabilities := {"EnableGremlin", "EnableCassandra", "EnableTable", "EnableMongo", "MongoDBv3.4", "EnableMongoRoleBasedAccessControl"}

nosql(r) if {
	object.get(r.values, "kind", "GlobalDocumentDB") == "GlobalDocumentDB"
	not non_sql(r)
}

non_sql(r) if {
	some c in tf.blocks(r.values, "capabilities")
	c.name in non_sql_capabilities
}

# Connection-string and SAS markers that only appear next to a key.
credential_markers := ["accountkey=", "sharedaccesskey=", "sharedaccesssignature=", "password=", "&sig=", "?sig="]

literal_credential(v) if {
	is_string(v)
	some marker in credential_markers
	contains(lower(v), marker)
}

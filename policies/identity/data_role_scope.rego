# METADATA
# title: Data-plane roles are scoped to one resource
# description: >-
#   An azurerm_role_assignment of a built-in data-plane role (Key Vault data roles, Storage Blob
#   Data, Search Index Data, Cognitive Services OpenAI) is scoped to the one vault, account or
#   service whose data the principal needs, never to a resource group, subscription or management
#   group, where it reaches the data of every such resource there, including ones created later.
#   Roles are recognised by role_definition_name or by the built-in role definition GUID in
#   role_definition_id. Cosmos DB data roles need no check here: they are not Azure RBAC roles but
#   account-local SQL role definitions, granted by azurerm_cosmosdb_sql_role_assignment whose scope
#   is a data-plane path inside that one account (the account, a database or a container).
# custom:
#   id: data-role-scope
#   severity: deny
#   audit:
#     - "000 §2 No authentication on any endpoint: what an app's identity can reach, any caller can"
#   resource_types:
#     - azurerm_role_assignment
package rules.identity.data_role_scope

import rego.v1

import data.lib.roles
import data.lib.tf

deny contains finding if {
	some ra in tf.resources("azurerm_role_assignment")
	role := roles.data_role(ra)
	kind := roles.broad_scope(ra, "scope")
	finding := {
		"address": ra.address,
		"attribute": "scope",
		"msg": sprintf("%s is granted at %s scope (%s): a data-plane role reaches every resource there; scope it to the one resource whose data %s needs (its .id)", [role, kind, scope_text(ra), principal_text(ra)]),
	}
}

scope_text(ra) := concat(", ", sort(tf.targets(ra, "scope"))) if {
	count(tf.targets(ra, "scope")) > 0
} else := object.get(ra.values, "scope", "unknown")

principal_text(ra) := concat(", ", sort({tf.target_resource(t) | some t in tf.targets(ra, "principal_id")})) if {
	count(tf.targets(ra, "principal_id")) > 0
} else := "the principal"

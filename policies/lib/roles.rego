# Azure RBAC facts the identity rules share: which built-in roles act on data (by name and by role
# definition GUID), which of them read Key Vault secrets, what role an azurerm_role_assignment
# grants, and whether its scope is a whole resource group, subscription or management group.
package lib.roles

import rego.v1

import data.lib.tf

# Built-in data-plane roles, name -> role definition GUID (the `name` of the role definition).
# Source: Azure built-in roles, learn.microsoft.com/azure/role-based-access-control/built-in-roles/
# security (Key Vault), storage (Storage Blob Data) and ai-machine-learning (Search Index Data,
# Cognitive Services OpenAI). Key Vault Reader (metadata only, no secret values or key material)
# and the control-plane roles (Key Vault Contributor, Key Vault Data Access Administrator) are not
# data roles. Cosmos DB data roles are not Azure RBAC roles at all: they are account-local SQL role
# definitions granted with azurerm_cosmosdb_sql_role_assignment, whose scope is a data-plane path
# inside one account (see data_role_scope.rego).
data_roles := {
	"Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
	"Key Vault Certificate User": "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
	"Key Vault Certificates Officer": "a4417e6f-fecd-4de8-b567-7b0420556985",
	"Key Vault Crypto Officer": "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
	"Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
	"Key Vault Crypto Service Release User": "08bbd89e-9f13-488c-ac41-acfcb10c90ab",
	"Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
	"Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
	"Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
	"Storage Blob Data Owner": "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
	"Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
	"Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
	"Search Index Data Contributor": "8ebe5a00-799e-43f5-93ac-243d3dce84a7",
	"Search Index Data Reader": "1407120a-92aa-4202-b7e9-c0e197c71c8f",
	"Cognitive Services OpenAI Contributor": "a001fd3d-188f-4b5d-821b-7da978bf7442",
	"Cognitive Services OpenAI User": "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd",
}

# Roles whose data actions include Microsoft.KeyVault/vaults/secrets/getSecret/action (read a
# secret's value): Administrator (vaults/*), Secrets Officer (secrets/*), Secrets User and
# Certificate User (getSecret listed) — same source, security page.
secret_read_roles := {
	"Key Vault Administrator",
	"Key Vault Secrets Officer",
	"Key Vault Secrets User",
	"Key Vault Certificate User",
}

by_lower_name := {lower(n): n | some n, _ in data_roles}

by_guid := {g: n | some n, g in data_roles}

# The built-in data role a role assignment grants (its canonical name); undefined for any other
# role or one that cannot be told before apply. Names compare case-insensitively; an id is matched
# by its last path segment, the role definition GUID, whatever the prefix
# (`/providers/Microsoft.Authorization/roleDefinitions/<guid>`, with or without a subscription, or
# `${data.azurerm_subscription.x.id}/providers/...`); an id taken from a data.azurerm_role_definition
# is that data source's name or id.
data_role(ra) := n if {
	n := by_lower_name[lower(ra.values.role_definition_name)]
} else := n if {
	n := role_from_id(ra.values.role_definition_id)
} else := n if {
	some t in tf.targets(ra, "role_definition_id")
	some d in input.resources
	d.mode == "data"
	d.type == "azurerm_role_definition"
	tf.matches(t, d.address)
	n := role_of_definition(d)
}

role_of_definition(d) := n if {
	n := by_lower_name[lower(d.values.name)]
} else := role_from_id(d.values.role_definition_id)

role_from_id(id) := by_guid[guid] if {
	is_string(id)
	parts := split(trim_right(lower(id), "/"), "/")
	guid := parts[count(parts) - 1]
}

# The kind of a scope that covers more than one resource: "subscription", "resource group",
# "management group" or "root"; undefined for a resource (or anything below one) and for a scope
# that cannot be told. A literal scope is read from its ARM path (interpolations without slashes,
# `/subscriptions/${var.sub}`, count as one path segment); a scope that is only a reference
# (`azurerm_resource_group.main.id`; a plan shows it as unknown) is read from what it names.
broad_scope(r, attribute) := sort(kinds)[0] if {
	kinds := scope_kinds(r, attribute)
	count(kinds) > 0
}

scope_kinds(r, attribute) := {kind | kind := path_kind(r.values[attribute])} | {kind |
	only_reference(r, attribute)
	some t in tf.targets(r, attribute)
	kind := target_kind(t)
}

path_kind(v) := kind if {
	is_string(v)
	p := trim_right(lower(regex.replace(v, `\$\{[^}]*\}`, "x")), "/")
	some kind, pattern in scope_patterns
	regex.match(pattern, p)
}

path_kind(v) := "root" if v == "/"

scope_patterns := {
	"subscription": `^/subscriptions/[^/]+$`,
	"resource group": `^/subscriptions/[^/]+/resourcegroups/[^/]+$`,
	"management group": `^/providers/microsoft\.management/managementgroups/[^/]+$`,
}

# The attribute is one interpolation (CDKTF/HCL: "${...}") or unknown until apply (a plan).
only_reference(r, attribute) if {
	v := object.get(r.values, attribute, null)
	is_string(v)
	regex.match(`^\$\{[^}]*\}$`, v)
}

only_reference(r, attribute) if tf.unknown(r, attribute)

# The `id` of a resource group or management group (resource or data source), or of the
# data.azurerm_subscription (whose id is /subscriptions/<guid>; the azurerm_subscription resource's
# id is its alias, not a scope).
target_kind(t) := kind if {
	tf.target_attribute(t) == "id"
	parts := split(tf.target_address(t), ".")
	kind := kind_of_type[parts[count(parts) - 2]]
}

target_kind(t) := "subscription" if {
	tf.target_attribute(t) == "id"
	parts := split(tf.target_address(t), ".")
	count(parts) >= 3
	parts[count(parts) - 3] == "data"
	parts[count(parts) - 2] == "azurerm_subscription"
}

kind_of_type := {
	"azurerm_resource_group": "resource group",
	"azurerm_management_group": "management group",
}

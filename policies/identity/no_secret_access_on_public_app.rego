# METADATA
# title: An internet-facing app cannot read secrets it does not use
# description: >-
#   An identity an externally reachable container app runs as (ingress.external_enabled = true; a
#   user-assigned identity in identity.identity_ids, or the app's system-assigned identity) holds
#   no Key Vault secret read access (Key Vault Secrets User, Secrets Officer, Administrator or
#   Certificate User, or an access policy with secret Get) to a secret the app does not reference
#   in a secret block's key_vault_secret_id. Secrets are azurerm_key_vault_secret resources and
#   azapi_resource of type Microsoft.KeyVault/vaults/secrets. Read access on a vault, or on a resource group,
#   subscription or management group holding vaults, covers every secret in them. Whoever takes
#   over the public app holds its identity's tokens; the finding names each secret within reach.
# custom:
#   id: no-secret-access-on-public-app
#   severity: warn
#   checks:
#     role-assignment: "no Key Vault secret-reading role reaches a secret the app does not reference"
#     access-policy: "no Key Vault access policy with secret Get reaches a secret the app does not reference"
#   audit:
#     - "000 §2 No authentication on any endpoint: what an app's identity can reach, any caller can"
#     - "000 §9.1 Cosmos DB key exposed: should use Key Vault"
#   resource_types:
#     - azurerm_container_app
#     - azurerm_role_assignment
#     - azurerm_key_vault_access_policy
#     - azurerm_key_vault
#     - azurerm_key_vault_secret
#     - azapi_resource
package rules.identity.no_secret_access_on_public_app

import rego.v1

import data.lib.identities
import data.lib.roles
import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_container_app")
	external(r)
	some p in principals(r)
	some g in grants
	g.principal == p
	some s in g.secrets
	not references_secret(r, s)
	finding := {
		"address": r.address,
		"check": g.check,
		"msg": sprintf("%s can read Key Vault secret %s (%s) through %s (%s), but this externally reachable app does not reference it: give the app its own identity, or grant it read access only on the secrets it uses", [principal_text(r, p), secret_name[s], s, g.via, g.access]),
	}
}

# external_enabled defaults to false; an expression or unknown value cannot be told, so is not reported.
external(r) if {
	some ingress in tf.blocks(r.values, "ingress")
	object.get(ingress, "external_enabled", false) == true
}

principals(r) := {id | some [id, app] in identities.attached; app == r.address} | {r.address}

principal_text(r, p) := "its system-assigned identity" if {
	p == r.address
} else := sprintf("identity %s", [p])

# ---------------------------------------------------------------- who can read which secrets

grants contains {"principal": p, "via": ra.address, "access": role, "check": "role-assignment", "secrets": secrets} if {
	some ra in tf.resources("azurerm_role_assignment")
	role := roles.data_role(ra)
	role in roles.secret_read_roles
	p := identities.principal(ra, "principal_id")
	secrets := scope_secrets(ra) | {s | some v in scope_vaults(ra); some s in vault_secrets[v]}
	count(secrets) > 0
}

grants contains {"principal": p, "via": ap.address, "access": "access policy with secret Get", "check": "access-policy", "secrets": secrets} if {
	some ap in tf.resources("azurerm_key_vault_access_policy")
	secret_get(ap.values)
	p := identities.principal(ap, "object_id")
	secrets := {s | some t in tf.targets(ap, "key_vault_id"); v := identities.sole(t); some s in vault_secrets[v]}
	count(secrets) > 0
}

grants contains {"principal": p, "via": sprintf("%s access_policy.%d", [v.address, i]), "access": "access policy with secret Get", "check": "access-policy", "secrets": secrets} if {
	some v in tf.resources("azurerm_key_vault")
	some i, policy in tf.blocks(v.values, "access_policy")
	secret_get(policy)
	p := identities.principal(v, tf.path(["access_policy", i, "object_id"]))
	secrets := vault_secrets[v.address]
	count(secrets) > 0
}

secret_get(values) if {
	some perm in object.get(values, "secret_permissions", [])
	lower(perm) == "get"
}

# ---------------------------------------------------------------- what a scope covers

vaults := [r | some r in input.resources; r.type == "azurerm_key_vault"]

# Key Vault secrets: azurerm_key_vault_secret (key_vault_id), and azapi_resource of ARM type
# Microsoft.KeyVault/vaults/secrets (parent_id), as the stacks write the Gremlin key.
secrets := [r | some r in input.resources; vault_attribute[r.type]; is_secret(r)]

vault_attribute := {"azurerm_key_vault_secret": "key_vault_id", "azapi_resource": "parent_id"}

is_secret(r) if r.type == "azurerm_key_vault_secret"

# src/input/azapi.ts leaves an ARM type it does not map as azapi_resource, with r.azapi.armType.
is_secret(r) if {
	r.type == "azapi_resource"
	lower(object.get(object.get(r, "azapi", {}), "armType", "")) == "microsoft.keyvault/vaults/secrets"
}

is_secret(r) if {
	r.type == "azapi_resource"
	startswith(lower(object.get(r.values, "type", "")), "microsoft.keyvault/vaults/secrets@")
}

secret_name := {s.address: name | some s in secrets; name := literal_name(s)}

literal_name(r) := n if {
	n := r.values.name
	is_string(n)
	not tf.is_expression(n)
} else := r.address

# [secret, vault]: the vault a secret's key_vault_id references, or names by its literal id.
vault_of_secret contains [s.address, v] if {
	some s in secrets
	some t in tf.targets(s, vault_attribute[s.type])
	v := identities.sole(t)
	identities.type_of[v] == "azurerm_key_vault"
}

vault_of_secret contains [s.address, v.address] if {
	some s in secrets
	name := lower(arm_name(object.get(s.values, vault_attribute[s.type], ""), "vaults"))
	some v in vaults
	lower(v.values.name) == name
}

vault_secrets[v] contains s if some [s, v] in vault_of_secret

# Vaults a role assignment's scope covers: the vault its scope is (a reference to its id alone, or
# its ARM id), or every vault in the resource group, subscription or management group it is scoped
# to. `${azurerm_key_vault.x.id}/secrets/<name>` is one secret, not the vault; a plan keeps no
# expression text, so there a scope unknown until apply that references a vault's id is the vault.
scope_vaults(ra) := {v.address | some v in vaults; covers_vault(ra, v)}

covers_vault(ra, v) if {
	roles.only_reference(ra, "scope")
	some t in tf.targets(ra, "scope")
	tf.target_attribute(t) == "id"
	identities.sole(t) == v.address
}

covers_vault(ra, v) if {
	scope := object.get(ra.values, "scope", "")
	not contains(lower(scope), "/secrets/")
	lower(arm_name(scope, "vaults")) == lower(v.values.name)
}

covers_vault(ra, v) if roles.broad_scope(ra, "scope") in {"subscription", "management group", "root"}

covers_vault(ra, v) if {
	roles.broad_scope(ra, "scope") == "resource group"
	some k in rg_keys_of_scope(ra)
	k in rg_keys_of_vault(v)
}

# Secrets a role assignment on a single secret names: by reference, by its ARM id, or as
# `${<vault reference>}/secrets/<name>`.
scope_secrets(ra) := {s.address | some s in secrets; covers_secret(ra, s)}

covers_secret(ra, s) if {
	roles.only_reference(ra, "scope")
	some t in tf.targets(ra, "scope")
	identities.sole(t) == s.address
}

covers_secret(ra, s) if {
	name := lower(arm_name(object.get(ra.values, "scope", ""), "secrets"))
	some t in tf.targets(ra, "scope")
	v := identities.sole(t)
	[s.address, v] in vault_of_secret
	lower(s.values.name) == name
}

covers_secret(ra, s) if {
	lower(arm_name(object.get(ra.values, "scope", ""), "secrets")) == lower(s.values.name)
	some v in vaults
	[s.address, v.address] in vault_of_secret
	lower(arm_name(object.get(ra.values, "scope", ""), "vaults")) == lower(v.values.name)
}

# The name after `/<segment>/` in an ARM id, e.g. arm_name(".../vaults/kv-a/secrets/s", "vaults") = "kv-a".
arm_name(id, segment) := m[1] if {
	is_string(id)
	m := regex.find_all_string_submatch_n(sprintf(`(?i)/%s/([^/]+)`, [segment]), id, 1)[0]
}

# A resource group as keys that both sides can give: its address (a reference) and its name.
rg_keys_of_scope(ra) := {k |
	some t in tf.targets(ra, "scope")
	some k in rg_keys(t)
} | {k | k := sprintf("name:%s", [lower(arm_name(object.get(ra.values, "scope", ""), "resourcegroups"))])}

rg_keys_of_vault(v) := {k |
	some t in tf.targets(v, "resource_group_name")
	some k in rg_keys(t)
} | {k | k := sprintf("name:%s", [lower(literal_string(v.values, "resource_group_name"))])}

literal_string(values, key) := v if {
	v := values[key]
	is_string(v)
	not tf.is_expression(v)
}

rg_keys(t) := {k |
	g := identities.sole(t)
	identities.type_of[g] == "azurerm_resource_group"
	some k in {sprintf("addr:%s", [g]), sprintf("name:%s", [lower(rg_name[g])])}
}

rgs := [r | some r in input.resources; r.type == "azurerm_resource_group"]

rg_name := {g.address: literal_name(g) | some g in rgs}

# ---------------------------------------------------------------- what the app references

references_secret(r, s) if {
	some ref in r.references
	startswith(ref.attribute, "secret.")
	some t in ref.targets
	tf.matches(t, s)
}

# `${azurerm_key_vault.x.vault_uri}secrets/<name>`: a secret of that vault by name.
references_secret(r, s) if {
	some i, block in tf.blocks(r.values, "secret")
	m := regex.find_all_string_submatch_n(`(?i)secrets/([^/]+)`, object.get(block, "key_vault_secret_id", ""), 1)[0]
	lower(m[1]) == lower(secret_name[s])
	some t in tf.targets(r, tf.path(["secret", i, "key_vault_secret_id"]))
	v := identities.sole(t)
	[s, v] in vault_of_secret
}

# A literal key_vault_secret_id: https://<vault>.vault.azure.net/secrets/<name>[/<version>].
references_secret(r, s) if {
	some block in tf.blocks(r.values, "secret")
	m := regex.find_all_string_submatch_n(`(?i)^https://([^./]+)\.vault\.azure\.net/secrets/([^/]+)`, object.get(block, "key_vault_secret_id", ""), 1)[0]
	lower(m[2]) == lower(secret_name[s])
	some v in vaults
	[s, v.address] in vault_of_secret
	lower(m[1]) == lower(v.values.name)
}

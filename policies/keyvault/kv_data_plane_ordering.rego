# METADATA
# title: Key Vault data-plane writes wait for the vault's private endpoint
# description: >-
#   A key vault secret, key or certificate is written through the vault's data plane. When the
#   vault has public_network_access_enabled = false, that is reachable only through a private
#   endpoint, and the provider's create reads the item first and fails on anything but 404
#   (azurerm 4.55 internal/services/keyvault/key_vault_secret_resource.go). So the item must depend
#   on a private endpoint of that vault: directly or through other resources, by an explicit
#   depends_on or a reference. Otherwise Terraform may write it before the endpoint (and its DNS
#   zone link) exist, and the first apply fails.
# custom:
#   id: kv-data-plane-ordering
#   severity: deny
#   audit:
#     - "issue 8 §2 First apply fails writing the Gremlin key secret"
#   resource_types:
#     - azurerm_key_vault_secret
#     - azurerm_key_vault_key
#     - azurerm_key_vault_certificate
#     - azurerm_key_vault
#     - azurerm_private_endpoint
package rules.keyvault.kv_data_plane_ordering

import rego.v1

import data.lib.tf

item_types := {"azurerm_key_vault_secret", "azurerm_key_vault_key", "azurerm_key_vault_certificate"}

deny contains finding if {
	some item in tf.resources_in(item_types)
	some vault in tf.resources("azurerm_key_vault")
	tf.references_address(item, "key_vault_id", vault.address)
	tf.bool_attr(vault, "public_network_access_enabled", true) == false
	endpoints := [pe.address | some pe in private_endpoints; endpoint_of(pe, vault.address)]
	reached := graph.reachable(dependencies, {node("r", item.address)})
	not reaches_any(reached, endpoints)
	finding := {
		"address": item.address,
		"msg": sprintf("%s is written through the data plane of %s, whose public network access is off, but does not depend on a private endpoint of that vault%s: add depends_on = [<the endpoint>] (and its DNS zone link), or the first apply can fail before the endpoint exists", [item.address, vault.address, endpoint_note(endpoints)]),
	}
}

private_endpoints := tf.resources("azurerm_private_endpoint")

endpoint_of(pe, vault_address) if {
	some i, _ in tf.blocks(pe.values, "private_service_connection")
	tf.references_address(pe, sprintf("private_service_connection.%d.private_connection_resource_id", [i]), vault_address)
}

reaches_any(reached, endpoints) if {
	some a in endpoints
	node("r", a) in reached
}

endpoint_note(endpoints) := sprintf(" (%s)", [concat(", ", endpoints)]) if {
	count(endpoints) > 0
} else := " (the configuration has none)"

# The dependency graph: resource node "r:<address>" → the targets it references or depends on
# ("t:<target>"), and each target → the resources it names (instance keys compared as tf.matches
# does; a module call `module.m` names every resource in it). Built once per evaluation.
dependencies := object.union(resource_edges, target_edges)

node(kind, s) := concat(":", [kind, s])

resource_edges := {node("r", r.address): {node("t", t) | some ref in r.references; some t in target_names(ref)} |
	some r in input.resources
}

target_names(ref) := {n |
	some t in ref.targets
	n := target_name(t)
}

# (tf.target_resource gives "" for a target that names no resource, hence the guard.)
target_name(t) := tf.target_resource(t) if tf.resource_steps(t)

target_name(t) := t if {
	not tf.resource_steps(t)
	startswith(t, "module.")
}

targets := {n | some e in resource_edges; some n in e}

by_unkeyed[u] contains r.address if {
	some r in input.resources
	u := tf.unkeyed(r.address)
}

target_edges := {n: {node("r", a) | some a in named(trim_prefix(n, "t:"))} | some n in targets}

named(t) := {a | some a in by_unkeyed[tf.unkeyed(t)]; tf.matches(t, a)} if {
	tf.resource_steps(t)
} else := {r.address | some r in input.resources; startswith(r.address, concat("", [t, "."]))}

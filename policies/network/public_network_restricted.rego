# METADATA
# title: Data services are not open to the internet
# description: >-
#   Cosmos DB, AI Search, Key Vault, Container Registry, Cognitive Services and Storage either keep
#   public_network_access_enabled = false (the provider default is true) or put a deny-by-default
#   firewall in front of the public endpoint (Key Vault / Cognitive network_acls, Storage
#   network_rules default_action Deny; Cosmos ip_range_filter or VNet filter; Search allowed_ips;
#   Premium registry network_rule_set). An IP list holding a /0 range, or on Cosmos 0.0.0.0 (accept
#   connections from within public Azure datacenters: every Azure IP, of any tenant), restricts
#   nothing. A warning: Basic/Standard registries cannot do either.
# custom:
#   id: public-network-restricted
#   severity: warn
#   audit:
#     - "000 §2 No authentication on any endpoint: no gate on the front door"
#     - "000 §2 Cosmos DB primary key visible: network is the remaining barrier"
#   resource_types:
#     - azurerm_cosmosdb_account
#     - azurerm_search_service
#     - azurerm_key_vault
#     - azurerm_container_registry
#     - azurerm_cognitive_account
#     - azurerm_storage_account
package rules.network.public_network_restricted

import rego.v1

import data.lib.tf

data_types := {
	"azurerm_cosmosdb_account",
	"azurerm_search_service",
	"azurerm_key_vault",
	"azurerm_container_registry",
	"azurerm_cognitive_account",
	"azurerm_storage_account",
}

deny contains finding if {
	some r in tf.resources_in(data_types)
	tf.bool_attr(r, "public_network_access_enabled", true) == true
	not firewalled(r)
	finding := {
		"address": r.address,
		"attribute": "public_network_access_enabled",
		"msg": sprintf("public_network_access_enabled is true (also when unset: the provider default) with no deny-by-default firewall%s: set it to false and use a private endpoint, or restrict %s", [open_list_note(r), firewall_hint[r.type]]),
	}
}

ip_list_attribute := {"azurerm_cosmosdb_account": "ip_range_filter", "azurerm_search_service": "allowed_ips"}

# Says which entry keeps an IP list from counting as a firewall.
open_list_note(r) := sprintf(" (%s contains %s, which admits %s)", [key, e, admits(e)]) if {
	key := ip_list_attribute[r.type]
	v := object.get(r.values, key, [])
	is_array(v)
	e := min({x | some x in v; opens_all(r.type, x)})
} else := ""

admits(e) := "every address" if {
	endswith(trim_space(e), "/0")
} else := "every Azure datacenter IP, of any tenant"

firewall_hint := {
	"azurerm_cosmosdb_account": "ip_range_filter",
	"azurerm_search_service": "allowed_ips",
	"azurerm_key_vault": "network_acls (default_action = \"Deny\")",
	"azurerm_container_registry": "network_rule_set (Premium SKU)",
	"azurerm_cognitive_account": "network_acls (default_action = \"Deny\")",
	"azurerm_storage_account": "network_rules (default_action = \"Deny\")",
}

# The block whose default_action decides, per type.
acl_block := {
	"azurerm_key_vault": "network_acls",
	"azurerm_cognitive_account": "network_acls",
	"azurerm_storage_account": "network_rules",
	"azurerm_container_registry": "network_rule_set",
}

firewalled(r) if {
	some acl in tf.blocks(r.values, acl_block[r.type])
	acl.default_action == "Deny"
}

# Known only at apply: accepted (policies/README.md, "Known only at apply").
firewalled(r) if {
	some i, acl in tf.blocks(r.values, acl_block[r.type])
	tf.apply_time(r, object.get(acl, "default_action", null), [acl_block[r.type], i, "default_action"])
}

firewalled(r) if {
	some key in ["is_virtual_network_filter_enabled", ip_list_attribute[r.type]]
	tf.apply_time(r, object.get(r.values, key, null), [key])
}

firewalled(r) if {
	r.type == "azurerm_cosmosdb_account"
	restricts(r.type, object.get(r.values, "ip_range_filter", []))
}

firewalled(r) if {
	r.type == "azurerm_cosmosdb_account"
	object.get(r.values, "is_virtual_network_filter_enabled", false) == true
}

firewalled(r) if {
	r.type == "azurerm_search_service"
	restricts(r.type, object.get(r.values, "allowed_ips", []))
}

# An IP list restricts the endpoint when it has entries and none of them opens it to everyone.
restricts(type, v) if {
	is_array(v)
	count(v) > 0
	not opens_any(type, v)
}

opens_any(type, v) if {
	some e in v
	opens_all(type, e)
}

# A /0 range admits every address.
opens_all(_, e) if {
	is_string(e)
	endswith(trim_space(e), "/0")
}

# Cosmos DB reads 0.0.0.0 as "accept connections from within public Azure datacenters": every
# Azure IP, including other tenants' VMs and functions, passes the firewall. Azure docs,
# https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall#allow-requests-from-global-azure-datacenters-or-other-sources-within-azure
# (the azurerm cosmosdb_account docs for ip_range_filter say the same). Search documents no such
# value (its exception for Azure services is network_rule_bypass_option), so there only /0 opens all.
opens_all("azurerm_cosmosdb_account", e) if {
	is_string(e)
	trim_space(e) in {"0.0.0.0", "0.0.0.0/32"}
}

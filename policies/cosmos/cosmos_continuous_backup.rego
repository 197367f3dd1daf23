# METADATA
# title: Cosmos DB uses continuous backup
# description: >-
#   Cosmos DB accounts use backup.type = "Continuous" (point-in-time restore; the Continuous7Days
#   tier has no backup storage charge) instead of the default periodic backup, so that a destructive
#   reload or a half-applied change can be rolled back to a moment before it.
# custom:
#   id: cosmos-continuous-backup
#   severity: deny
#   audit:
#     - "000 §7.3.1 Destructive default: g.V().drop() deletes all data, interrupted load leaves a partial graph"
#     - "003 Transaction rollback failure: network failures cause data inconsistency"
#   resource_types:
#     - azurerm_cosmosdb_account
package rules.cosmos.cosmos_continuous_backup

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources("azurerm_cosmosdb_account")
	not continuous(r)
	finding := {
		"address": r.address,
		"attribute": backup_attribute(r),
		"msg": "backup is periodic (the default): add backup { type = \"Continuous\", tier = \"Continuous7Days\" } for point-in-time restore",
	}
}

# backup.type where a backup block is written (Periodic), else the account's block.
backup_attribute(r) := tf.path(["backup", i, "type"]) if {
	some i, _ in tf.blocks(r.values, "backup")
} else := ""

continuous(r) if {
	some b in tf.blocks(r.values, "backup")
	b.type == "Continuous"
}

# backup.type known only at apply is accepted (policies/README.md). A plan's unknown backup block is
# not: it is Optional+Computed, so an omitted block (periodic) shows unknown in a plan that creates the account.
continuous(r) if {
	some i, b in tf.blocks(r.values, "backup")
	tf.apply_time(r, object.get(b, "type", null), ["backup", i, "type"])
}

# lib.secrets.is_referenced_credential decides once per unkeyed form what is_credential decides per
# target: on every target the input references, both must agree.
package lib.secrets_test

import rego.v1

import data.lib.secrets
import data.lib.testing

targets := [
	`module.app["a"].azurerm_cosmosdb_account.db.primary_key`,
	`module.app["b"].azurerm_cosmosdb_account.db.primary_key`,
	`module.app["a"].azurerm_cosmosdb_account.db.id`,
	`module.app["x].[y"].azurerm_storage_account.s.primary_connection_string`,
	`azurerm_kubernetes_cluster.k[0].kube_config[0].client_key`,
	`data.azurerm_key_vault_secret.s.value`,
	`random_password.p.result`,
	`random_password.p.id`,
	`azurerm_key_vault.kv.vault_uri`,
]

referencing_input := object.union(testing.resources([testing.referencing("azurerm_container_app", "app", {}, {"template.0.container.0.env.0.value": array.slice(targets, 0, 5)})]), {"outputs": [{"address": "output.o", "name": "o", "sensitive": false, "references": array.slice(targets, 5, count(targets))}]})

test_referenced_credentials_agree_with_is_credential if {
	by_form := {t | some t in targets; secrets.is_referenced_credential(t)} with input as referencing_input
	by_target := {t | some t in targets; secrets.is_credential(t)}
	by_form == by_target
	by_target == {targets[0], targets[1], targets[3], targets[4], targets[5], targets[6]}
}

test_a_target_the_input_does_not_reference_is_not_looked_up if {
	not secrets.is_referenced_credential(`azurerm_cosmosdb_account.other.primary_key`) with input as referencing_input
	secrets.is_credential(`azurerm_cosmosdb_account.other.primary_key`)
}

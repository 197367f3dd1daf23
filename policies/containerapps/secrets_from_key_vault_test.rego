package rules.containerapps.secrets_from_key_vault_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.secrets_from_key_vault as rule

app(secret) := testing.resource("azurerm_container_app", "api", {"secret": [secret]})

test_inline_value_denied if {
	findings := rule.deny with input as testing.resources([app({"name": "db-key", "value": "hunter2"})])
	some f in findings
	f.address == "azurerm_container_app.api"
	contains(f.msg, "secret.0 (db-key)")
}

test_key_vault_reference_passes if {
	s := {"name": "db-key", "key_vault_secret_id": "https://kv.vault.azure.net/secrets/db-key", "identity": "System"}
	count(rule.deny) == 0 with input as testing.resources([app(s)])
}

test_key_vault_id_without_identity_denied if {
	s := {"name": "db-key", "key_vault_secret_id": "https://kv.vault.azure.net/secrets/db-key"}
	count(rule.deny) == 1 with input as testing.resources([app(s)])
}

test_expressions_count_as_set if {
	r := testing.referencing(
		"azurerm_container_app_job", "job",
		{"secret": [{"name": "k", "key_vault_secret_id": null, "identity": null}]},
		{
			"secret.0.key_vault_secret_id": ["azurerm_key_vault_secret.k.versionless_id"],
			"secret.0.identity": ["azurerm_user_assigned_identity.app.id"],
		},
	)
	count(rule.deny) == 0 with input as testing.resources([r])
}

# Where the finding points (issue 12 item 9): the literal value of that secret block, else the block.
test_attribute_is_the_value_or_the_secret_block if {
	two := testing.resource("azurerm_container_app", "api", {"secret": [
		{"name": "ref", "key_vault_secret_id": "https://kv.vault.azure.net/secrets/ref"},
		{"name": "inline", "value": "hunter2"},
	]})
	findings := rule.deny with input as testing.resources([two])
	{f.attribute | some f in findings} == {"secret.0", "secret.1.value"}
}

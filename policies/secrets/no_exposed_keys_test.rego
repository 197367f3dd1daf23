package rules.secrets.no_exposed_keys_test

import rego.v1

import data.lib.testing
import data.rules.secrets.no_exposed_keys as rule


app_env(env, refs) := testing.referencing("azurerm_container_app", "api", {"template": [{"container": [{"name": "api", "env": [env]}]}]}, refs)

test_output_of_an_account_key_denied if {
	inp := object.union(testing.resources([]), {"outputs": [{
		"address": "output.key", "name": "key", "sensitive": true,
		"references": ["azurerm_cosmosdb_account.graph.primary_key"],
	}]})
	findings := rule.deny with input as inp
	testing.checks(findings) == {"output"}
	testing.addresses(findings) == {"output.key"}
}

test_output_of_an_id_passes if {
	inp := object.union(testing.resources([]), {"outputs": [{"address": "output.id", "name": "id", "sensitive": false, "references": ["azurerm_cosmosdb_account.graph.id"]}]})
	count(rule.deny) == 0 with input as inp
}

test_key_in_an_env_value_denied if {
	r := app_env({"name": "DB_KEY", "value": null}, {"template.0.container.0.env.0.value": ["azurerm_cosmosdb_account.graph.primary_key"]})
	findings := rule.deny with input as testing.resources([r])
	testing.checks(findings) == {"credential-reference"}
}

test_key_into_a_key_vault_secret_passes if {
	r := testing.referencing("azurerm_key_vault_secret", "k", {"name": "k", "value": null}, {"value": ["azurerm_cosmosdb_account.graph.primary_key"]})
	count(rule.deny) == 0 with input as testing.resources([r])
}

test_generated_password_denied if {
	r := app_env({"name": "PW", "value": null}, {"template.0.container.0.env.0.value": ["random_password.db.result"]})
	count(rule.deny) == 1 with input as testing.resources([r])
}

test_sensitive_value_in_plain_env_denied if {
	r := object.union(app_env({"name": "TOKEN", "value": null}, {}), {"sensitive": ["template.0.container.0.env.0.value"]})
	findings := rule.deny with input as testing.resources([r])
	testing.checks(findings) == {"sensitive-value"}
}

test_literal_connection_string_denied if {
	r := app_env({"name": "STORAGE", "value": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc=="}, {})
	findings := rule.deny with input as testing.resources([r])
	testing.checks(findings) == {"literal-credential"}
}

test_secret_ref_env_passes if {
	count(rule.deny) == 0 with input as testing.resources([app_env({"name": "DB_KEY", "secret_name": "db-key"}, {})])
}

test_local_auth_defaults_denied if {
	rs := [
		testing.resource("azurerm_search_service", "s", {}),
		testing.resource("azurerm_cognitive_account", "ai", {}),
		testing.resource("azurerm_cosmosdb_account", "docs", {"kind": "GlobalDocumentDB"}),
	]
	findings := rule.deny with input as testing.resources(rs)
	testing.checks(findings) == {"search-local-auth", "cognitive-local-auth", "cosmos-local-auth"}
}

test_local_auth_off_passes if {
	rs := [
		testing.resource("azurerm_search_service", "s", {"local_authentication_enabled": false}),
		testing.resource("azurerm_cognitive_account", "ai", {"local_auth_enabled": false}),
		testing.resource("azurerm_cosmosdb_account", "docs", {"local_authentication_disabled": true}),
	]
	count(rule.deny) == 0 with input as testing.resources(rs)
}

test_gremlin_account_keeps_keys if {
	r := testing.resource("azurerm_cosmosdb_account", "graph", {"capabilities": [{"name": "EnableGremlin"}]})
	count(rule.deny) == 0 with input as testing.resources([r])
}

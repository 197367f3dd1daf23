package rules.identity.no_secret_access_on_public_app_test

import rego.v1

import data.lib.testing
import data.rules.identity.no_secret_access_on_public_app as rule

vault := testing.resource("azurerm_key_vault", "kv", {"name": "kv"})

secret(name) := testing.referencing("azurerm_key_vault_secret", name, {"name": name, "key_vault_id": "${azurerm_key_vault.kv.id}"}, {"key_vault_id": ["azurerm_key_vault.kv.id"]})

identity := testing.resource("azurerm_user_assigned_identity", "web", {"name": "web"})

grant(scope_ref) := testing.referencing("azurerm_role_assignment", "web", {"role_definition_name": "Key Vault Secrets User", "scope": sprintf("${%s}", [scope_ref]), "principal_id": "${azurerm_user_assigned_identity.web.principal_id}"}, {"scope": [scope_ref], "principal_id": ["azurerm_user_assigned_identity.web.principal_id"]})

app(external) := testing.referencing("azurerm_container_app", "web", {"ingress": [{"external_enabled": external}], "secret": [{"name": "a", "key_vault_secret_id": "${azurerm_key_vault_secret.a.versionless_id}"}]}, {"identity.0.identity_ids": ["azurerm_user_assigned_identity.web.id"], "secret.0.key_vault_secret_id": ["azurerm_key_vault_secret.a.versionless_id"]})

test_public_app_with_vault_wide_read_names_the_other_secret if {
	findings := rule.deny with input as testing.resources([vault, secret("a"), secret("b"), identity, grant("azurerm_key_vault.kv.id"), app(true)])
	testing.addresses(findings) == {"azurerm_container_app.web"}
	some f in findings
	contains(f.msg, "secret b ")
	count(findings) == 1
}

test_internal_app_passes if {
	count(rule.deny) == 0 with input as testing.resources([vault, secret("a"), secret("b"), identity, grant("azurerm_key_vault.kv.id"), app(false)])
}

test_grant_on_its_own_secret_passes if {
	count(rule.deny) == 0 with input as testing.resources([vault, secret("a"), secret("b"), identity, grant("azurerm_key_vault_secret.a.resource_versionless_id"), app(true)])
}

package rules.registry.no_admin_users_test

import rego.v1

import data.lib.testing
import data.rules.registry.no_admin_users as rule

app(registry) := testing.resource("azurerm_container_app", "api", {"registry": [registry]})

test_admin_user_denied if {
	findings := rule.deny with input as testing.resources([testing.resource("azurerm_container_registry", "acr", {"admin_enabled": true})])
	testing.checks(findings) == {"admin-user"}
	testing.addresses(findings) == {"azurerm_container_registry.acr"}
}

test_admin_off_passes if {
	count(rule.deny) == 0 with input as testing.resources([testing.resource("azurerm_container_registry", "acr", {"admin_enabled": false})])
}

test_admin_unset_passes if {
	count(rule.deny) == 0 with input as testing.resources([testing.resource("azurerm_container_registry", "acr", {})])
}

test_password_pull_denied if {
	reg := {"server": "acr.azurecr.io", "username": "acr", "password_secret_name": "acr-pw"}
	findings := rule.deny with input as testing.resources([app(reg)])
	testing.checks(findings) == {"registry-password"}
	some f in findings
	contains(f.msg, "acr.azurecr.io")
}

test_pull_without_identity_denied if {
	findings := rule.deny with input as testing.resources([app({"server": "acr.azurecr.io"})])
	testing.checks(findings) == {"registry-identity"}
}

test_identity_pull_passes if {
	count(rule.deny) == 0 with input as testing.resources([app({"server": "acr.azurecr.io", "identity": "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull"})])
}

test_identity_as_reference_passes if {
	r := testing.referencing("azurerm_container_app_job", "job", {"registry": [{"server": "acr.azurecr.io", "identity": null}]}, {"registry.0.identity": ["azurerm_user_assigned_identity.pull.id"]})
	count(rule.deny) == 0 with input as testing.resources([r])
}

package rules.keyvault.key_vault_hardening_test

import rego.v1

import data.lib.testing
import data.rules.keyvault.key_vault_hardening as rule

hardened := {
	"rbac_authorization_enabled": true,
	"purge_protection_enabled": true,
	"network_acls": [{"default_action": "Deny", "bypass": "AzureServices"}],
}

vault(values) := testing.resource("azurerm_key_vault", "kv", values)

test_hardened_vault_passes if {
	count(rule.deny) == 0 with input as testing.resources([vault(hardened)])
}

test_older_rbac_attribute_passes if {
	v := object.union(object.remove(hardened, ["rbac_authorization_enabled"]), {"enable_rbac_authorization": true})
	count(rule.deny) == 0 with input as testing.resources([vault(v)])
}

test_defaults_fail_every_check if {
	findings := rule.deny with input as testing.resources([vault({})])
	testing.checks(findings) == {"rbac", "purge-protection", "network-acl"}
}

test_purge_protection_off_is_one_check if {
	findings := rule.deny with input as testing.resources([vault(object.union(hardened, {"purge_protection_enabled": false}))])
	testing.checks(findings) == {"purge-protection"}
}

test_allow_all_network_acl_denied if {
	findings := rule.deny with input as testing.resources([vault(object.union(hardened, {"network_acls": [{"default_action": "Allow", "bypass": "AzureServices"}]}))])
	testing.checks(findings) == {"network-acl"}
}

test_default_action_from_an_expression_passes if {
	v := object.union(hardened, {"network_acls": [{"default_action": "${var.kv_default_action}", "bypass": "AzureServices"}]})
	count(rule.deny) == 0 with input as testing.resources([vault(v)])
}

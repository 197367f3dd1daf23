package rules.registry.acr_pull_identity_test

import rego.v1

import data.lib.testing
import data.rules.registry.acr_pull_identity as rule

identity := testing.resource("azurerm_user_assigned_identity", "pull", {})

app(refs) := testing.referencing("azurerm_container_app", "api", {
	"registry": [{"server": "acr.azurecr.io", "identity": null}],
	"identity": [{"type": "UserAssigned", "identity_ids": [null]}],
}, refs)

attached := {
	"registry.0.identity": ["azurerm_user_assigned_identity.pull.id"],
	"identity.0.identity_ids": ["azurerm_user_assigned_identity.pull.id"],
}

acr_pull(role) := testing.referencing("azurerm_role_assignment", "pull", {"role_definition_name": role, "principal_id": null}, {"principal_id": ["azurerm_user_assigned_identity.pull.principal_id"]})

test_attached_identity_with_acr_pull_passes if {
	count(rule.deny) == 0 with input as testing.resources([identity, app(attached), acr_pull("AcrPull")])
}

test_role_by_definition_id_passes if {
	ra := testing.referencing("azurerm_role_assignment", "pull", {
		"role_definition_id": "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
		"principal_id": null,
	}, {"principal_id": ["azurerm_user_assigned_identity.pull.principal_id"]})
	count(rule.deny) == 0 with input as testing.resources([identity, app(attached), ra])
}

test_other_role_denied if {
	findings := rule.deny with input as testing.resources([identity, app(attached), acr_pull("Reader")])
	testing.checks(findings) == {"acr-pull-role"}
}

test_identity_not_attached_denied if {
	findings := rule.deny with input as testing.resources([identity, app({"registry.0.identity": ["azurerm_user_assigned_identity.pull.id"]}), acr_pull("AcrPull")])
	testing.checks(findings) == {"identity-attached"}
}

test_system_identity_denied if {
	r := testing.resource("azurerm_container_app", "api", {"registry": [{"server": "acr.azurecr.io", "identity": "System"}]})
	findings := rule.deny with input as testing.resources([r])
	testing.checks(findings) == {"user-assigned"}
}

test_literal_user_assigned_id_passes_the_type_check if {
	id := "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull"
	r := testing.resource("azurerm_container_app", "api", {"registry": [{"server": "acr.azurecr.io", "identity": id}]})
	count(rule.deny) == 0 with input as testing.resources([r])
}

package rules.identity.identity_per_app_test

import rego.v1

import data.lib.testing
import data.rules.identity.identity_per_app as rule

identity(name) := testing.resource("azurerm_user_assigned_identity", name, {"name": name})

app(name, id) := testing.referencing("azurerm_container_app", name, {"identity": [{"type": "UserAssigned"}]}, {"identity.0.identity_ids": [sprintf("azurerm_user_assigned_identity.%s.id", [id])]})

test_one_identity_per_app_passes if {
	count(rule.deny) == 0 with input as testing.resources([identity("a"), identity("b"), app("a", "a"), app("b", "b")])
}

test_shared_identity_reported_on_the_identity if {
	findings := rule.deny with input as testing.resources([identity("s"), app("a", "s"), app("b", "s")])
	testing.addresses(findings) == {"azurerm_user_assigned_identity.s"}
	testing.checks(findings) == {"shared-identity"}
}

test_shared_literal_id_reported_on_each_app if {
	id := "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-x"
	a := testing.resource("azurerm_container_app", "a", {"identity": [{"type": "UserAssigned", "identity_ids": [id]}]})
	b := testing.resource("azurerm_container_app", "b", {"identity": [{"type": "UserAssigned", "identity_ids": [upper(id)]}]})
	findings := rule.deny with input as testing.resources([a, b])
	testing.addresses(findings) == {"azurerm_container_app.a", "azurerm_container_app.b"}
}

package rules.containerapps.https_only_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.https_only

app(ingress) := testing.resource("azurerm_container_app", "api", {"ingress": [ingress]})

test_insecure_connections_denied if {
	findings := https_only.deny with input as testing.resources([app({"allow_insecure_connections": true})])
	testing.addresses(findings) == {"azurerm_container_app.api"}
}

test_https_only_passes if {
	count(https_only.deny) == 0 with input as testing.resources([app({"allow_insecure_connections": false})])
}

test_default_is_https_only if {
	count(https_only.deny) == 0 with input as testing.resources([app({"external_enabled": true})])
}

test_app_without_ingress_passes if {
	count(https_only.deny) == 0 with input as testing.resources([testing.resource("azurerm_container_app", "worker", {})])
}

# Where the finding points (issue 12 item 9): the flag itself, with the ingress block's index.
test_attribute_is_the_insecure_flag if {
	findings := https_only.deny with input as testing.resources([app({"allow_insecure_connections": true})])
	{f.attribute | some f in findings} == {"ingress.0.allow_insecure_connections"}
}

package rules.containerapps.prod_config_sane_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.prod_config_sane as rule

app(env, origins) := testing.resource("azurerm_container_app", "api", {
	"template": [{"container": [{"name": "api", "env": env}]}],
	"ingress": [{"cors": [{"allowed_origins": origins}]}],
})

bad := app(
	[{"name": "API_URL", "value": "http://localhost:8080"}, {"name": "LOG_LEVEL", "value": "debug"}],
	["http://127.0.0.1:3000"],
)

test_prod_findings_by_check if {
	findings := rule.deny with input as testing.stack("prod", [bad])
	testing.checks(findings) == {"localhost-env", "debug-logging", "localhost-cors"}
}

test_same_config_in_dev_passes if {
	count(rule.deny) == 0 with input as testing.stack("dev", [bad])
}

test_production_values_pass if {
	good := app(
		[{"name": "API_URL", "value": "https://api.example.com"}, {"name": "LOG_LEVEL", "value": "INFO"}],
		["https://www.example.com"],
	)
	count(rule.deny) == 0 with input as testing.stack("prod", [good])
}

test_environment_tag_decides_without_a_stack if {
	r := object.union(bad, {"values": {"tags": {"environment": "production"}}})
	count(rule.deny) > 0 with input as testing.resources([r])
}

package rules.containerapps.cors_not_wildcard_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.cors_not_wildcard as rule

app(cors, env) := testing.resource("azurerm_container_app", "api", {
	"ingress": [{"cors": [cors]}],
	"template": [{"container": [{"name": "api", "env": env}]}],
})

test_wildcard_origin_denied if {
	findings := rule.deny with input as testing.resources([app({"allowed_origins": ["*"]}, [])])
	testing.checks(findings) == {"ingress"}
}

test_wildcard_header_denied if {
	findings := rule.deny with input as testing.resources([app({"allowed_origins": ["https://a.example"], "allowed_headers": [" * "]}, [])])
	some f in findings
	contains(f.msg, "allowed_headers")
}

test_exact_lists_pass if {
	cors := {"allowed_origins": ["https://a.example"], "allowed_methods": ["GET"], "allowed_headers": ["Authorization"]}
	count(rule.deny) == 0 with input as testing.resources([app(cors, [{"name": "CORS_ORIGINS", "value": "https://a.example"}])])
}

test_wildcard_in_cors_env_denied if {
	findings := rule.deny with input as testing.resources([app({}, [{"name": "CORS_ALLOWED_ORIGINS", "value": "https://a.example, '*'"}])])
	testing.checks(findings) == {"env"}
}

test_wildcard_in_other_env_passes if {
	count(rule.deny) == 0 with input as testing.resources([app({}, [{"name": "GLOB", "value": "*"}])])
}

package rules.containerapps.health_probes_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.health_probes as rule

probe := [{"transport": "HTTP", "path": "/healthz", "port": 8080}]

app(container) := testing.resource("azurerm_container_app", "api", {"template": [{"container": [container]}]})

test_both_probes_pass if {
	count(rule.deny) == 0 with input as testing.resources([app({"name": "api", "liveness_probe": probe, "readiness_probe": probe})])
}

test_missing_readiness_denied if {
	findings := rule.deny with input as testing.resources([app({"name": "api", "liveness_probe": probe})])
	[f] := [f | some f in findings]
	f.address == "azurerm_container_app.api"
	contains(f.msg, "readiness_probe")
	contains(f.msg, "(api)")
}

test_no_probes_two_findings if {
	findings := rule.deny with input as testing.resources([app({"name": "api"})])
	count(findings) == 2
}

test_probe_unknown_until_apply_not_reported if {
	r := object.union(app({"name": "api", "liveness_probe": probe}), {"unknown": ["template.0.container.0.readiness_probe"]})
	count(rule.deny) == 0 with input as testing.resources([r])
}

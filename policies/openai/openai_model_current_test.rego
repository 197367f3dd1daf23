package rules.openai.openai_model_current_test

import rego.v1

import data.lib.testing
import data.rules.openai.openai_model_current as rule

deployment(name, version, sku) := testing.resource("azurerm_cognitive_deployment", "chat", {
	"model": [{"format": "OpenAI", "name": name, "version": version}],
	"sku": [{"name": sku, "capacity": 10}],
})

# Retirement dates are parameters (policies/params.json); the tests give their own.
params := {
	"check_date": "2026-12-05",
	"openai_model_retirements": {
		"gpt-old@0613": {"retirement": "2026-06-01", "source": "test"},
		"gpt-mid@2024-05-13": {"retirement": "2027-03-01", "retirement_by_sku": {"Standard": "2026-11-01"}, "source": "test"},
	},
}

test_retired_version_denied if {
	findings := rule.deny with input as testing.resources([deployment("gpt-old", "0613", "GlobalStandard")]) with data.params as params
	[f] := [f | some f in findings]
	contains(f.msg, "model gpt-old version 0613 was retired on 2026-06-01")
}

test_retired_on_one_sku_only if {
	count(rule.deny) == 1 with input as testing.resources([deployment("gpt-mid", "2024-05-13", "Standard")]) with data.params as params
	count(rule.deny) == 0 with input as testing.resources([deployment("gpt-mid", "2024-05-13", "GlobalStandard")]) with data.params as params
}

test_retirement_in_the_future_passes if {
	p := object.union(params, {"check_date": "2026-05-31"})
	count(rule.deny) == 0 with input as testing.resources([deployment("gpt-old", "0613", "GlobalStandard")]) with data.params as p
}

test_unlisted_model_passes if {
	count(rule.deny) == 0 with input as testing.resources([deployment("gpt-new", "2026-01-01", "GlobalStandard")]) with data.params as params
}

package rules.containerapps.image_pinned_test

import rego.v1

import data.lib.testing
import data.rules.containerapps.image_pinned as rule

app(image) := testing.resource("azurerm_container_app", "api", {"template": [{"container": [{"name": "api", "image": image}]}]})

denied(image) if count(rule.deny) == 1 with input as testing.resources([app(image)])

allowed(image) if count(rule.deny) == 0 with input as testing.resources([app(image)])

test_latest_denied if denied("acr.azurecr.io/api:latest")

test_latest_any_case_denied if denied("acr.azurecr.io/api:LATEST")

test_no_tag_denied if denied("acr.azurecr.io/api")

test_registry_port_is_not_a_tag if denied("registry.local:5000/api")

test_version_tag_passes if allowed("acr.azurecr.io/api:1.4.2")

test_digest_passes if allowed("acr.azurecr.io/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")

test_tag_from_an_expression_passes if allowed("acr.azurecr.io/api:${var.image_tag}")

test_init_container_and_job_checked if {
	job := testing.resource("azurerm_container_app_job", "migrate", {"template": [{"init_container": [{"name": "init", "image": "busybox"}]}]})
	findings := rule.deny with input as testing.resources([job])
	some f in findings
	f.address == "azurerm_container_app_job.migrate"
	contains(f.msg, "template.init_container.0.image busybox")
}

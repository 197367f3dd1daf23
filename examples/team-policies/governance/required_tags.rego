# METADATA
# title: Owner and cost-center tags on every resource that has a location
# description: >-
#   Finance routes the invoice and operations route incidents by tag: every managed resource that
#   lives in a region (has a `location`) carries the tags listed in the `required_tags` parameter
#   (default owner and cost-center) with a non-empty value. A tags map written as an expression
#   (known only at apply) is accepted.
# custom:
#   id: team-required-tags
#   severity: deny
package rules.team.required_tags

import rego.v1

import data.lib.params
import data.lib.tf

deny contains finding if {
	some r in input.resources
	r.mode == "managed"
	"location" in object.keys(r.values)
	tags := object.get(r.values, "tags", {})
	not tf.is_expression(tags)
	some tag in params.get("required_tags", ["owner", "cost-center"])
	not has_value(tags, tag)
	finding := {
		"address": r.address,
		"msg": sprintf("tag %q is missing or empty: add it to tags (finance and on-call route by it)", [tag]),
	}
}

has_value(tags, tag) if {
	is_object(tags)
	value := tags[tag]
	is_string(value)
	trim_space(value) != ""
}

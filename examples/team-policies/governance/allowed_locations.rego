# METADATA
# title: Resources only in the regions the team has approved
# description: >-
#   Data residency and the reserved-capacity agreement cover a few regions only: a literal
#   `location` must be one of the `allowed_locations` parameter (lower case, no spaces, as Azure
#   normalises region names). A location written as an expression is accepted.
# custom:
#   id: team-allowed-locations
#   severity: deny
package rules.team.allowed_locations

import rego.v1

import data.lib.params
import data.lib.tf

deny contains finding if {
	some r in input.resources
	r.mode == "managed"
	location := r.values.location
	is_string(location)
	not tf.is_expression(location)
	allowed := params.get("allowed_locations", [])
	not normalised(location) in allowed
	finding := {
		"address": r.address,
		"msg": sprintf("location %q is not an approved region (%s)", [location, concat(", ", allowed)]),
	}
}

normalised(location) := lower(replace(location, " ", ""))

# Parameters from data.params (policies/params.json merged with the user's override file), with
# per-environment values under data.params.environments[<env>] taking precedence.
package lib.params

import rego.v1

default root := {}

root := data.params if is_object(data.params)

# The environment: the CDKTF stack name, else the (single, sorted-first) `environment` tag.
environment := lower(input.stack) if {
	is_string(input.stack)
	input.stack != ""
} else := sort(tagged)[0] if {
	count(tagged) > 0
} else := "default"

tagged := {lower(e) | some e in tag_values}

# Lower-cased once per distinct value, not once per resource.
tag_values := {e |
	some r in input.resources
	tags := r.values.tags
	is_object(tags)
	some key in ["environment", "Environment", "env"]
	e := tags[key]
	is_string(e)
}

environments := e if {
	e := object.get(root, "environments", {})
	is_object(e)
} else := {}

# The environments entry: the environment itself, else its last "-" part ("platform-dev" -> "dev").
env_params := p if {
	p := environments[environment]
	is_object(p)
} else := p if {
	parts := split(environment, "-")
	p := environments[parts[count(parts) - 1]]
	is_object(p)
} else := {}

# get("max_replicas_cap", 10): environment value, else global value, else the default.
get(name, def) := object.get(env_params, name, object.get(root, name, def))

# Production environments by name (param `prod_environments`); a stack name such as
# "platform-prod" counts when it ends with "-prod".
is_prod if environment in get("prod_environments", ["prod", "production"])

is_prod if endswith(environment, "-prod")

is_prod if endswith(environment, "-production")

# The check's date, "YYYY-MM-DD": parameter `check_date` where given (CI runs that must give the
# same result next month), else today in UTC from the checker's clock. Rules that compare dates
# (budget-start-current, openai-model-current) read it; ISO dates compare as strings.
today := d if {
	d := get("check_date", "")
	d != ""
} else := sprintf("%04d-%02d-%02d", time.date(time.now_ns()))

# "YYYY-MM" of the check's date.
this_month := substring(today, 0, 7)

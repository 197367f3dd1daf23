# Helpers over the normalised PolicyInput (src/input/types.ts): resources by type, nested blocks,
# and the references recorded for each attribute.
package lib.tf

import rego.v1

# Managed resources of one type, in input order.
resources(t) := [input.resources[i] | some i in object.get(type_indexes, t, [])]

# Managed resources whose type is in a set of types, in input order.
resources_in(types) := [input.resources[i] | some i in sort({i | some t in types; some i in object.get(type_indexes, t, [])})]

# The index of every managed resource by type, ascending, built once per evaluation instead of one
# scan of every resource for each type the rules ask for: one scan per type present when there are
# few types, else one sort (n log n), whichever costs less. Both read type_list, not the input:
# the resource objects lie all over the module's memory, and on a 100k-resource plan one pass over
# them per type cost several times one pass over the compact list.
type_indexes := {t: [i | some i, x in type_list; x == t] | some t in managed_types} if {
	count(managed_types) <= 16
} else := {type_order[s][0]: [type_order[k][1] | some k in numbers.range(s, type_ends[n] - 1)] | some n, s in type_starts}

# The type of each resource in input order, null for a data source: the one pass over the input.
# (A list of strings, not [type, index] pairs: an array and a number less per resource.)
type_list := [x | some r in input.resources; x := managed_type(r)]

managed_type(r) := r.type if {
	r.mode == "managed"
} else := null

managed_types := {t | some t in type_list; t != null}

# [type, index] of every managed resource, sorted.
type_order := sort([[t, i] | some i, t in type_list; t != null])

type_starts := [k | some k, e in type_order; first_of_type(k, e[0])]

type_ends := array.concat(array.slice(type_starts, 1, count(type_starts)), [count(type_order)])

first_of_type(0, _) := true

first_of_type(k, t) if {
	k > 0
	type_order[k - 1][0] != t
}

# Nested blocks as a list whatever shape the input gave them (the loader normalises to arrays;
# a bare object is accepted so that a rule never silently skips a block).
blocks(obj, key) := b if {
	b := object.get(obj, key, [])
	is_array(b)
} else := [b] if {
	b := object.get(obj, key, null)
	is_object(b)
} else := []

# A value written as an expression ("${...}") rather than a literal.
is_expression(v) if {
	is_string(v)
	contains(v, "${")
}

# The targets referenced by one attribute path (e.g. "registry.0.identity").
targets(r, attribute) := {t | some ref in r.references; ref.attribute == attribute; some t in ref.targets}

# An address without its instance keys: `module.app["a.b"].azurerm_x.y[0]` -> `module.app.azurerm_x.y`.
# For telling what kind of resource a target names (its type, `random_password.`); to tell whether a
# target names a given resource instance, use `matches` below, which compares keys.
unkeyed(addr) := addr if {
	not contains(addr, "[")
} else := concat("", [parts[0], substring(parts[1], indexof(parts[1], "]") + 1, -1)]) if {
	# One key (a target in a module instance, or an instance of a root resource): no comprehension.
	parts := split(addr, "[")
	count(parts) == 2
} else := concat("", [s | some i, piece in split(addr, "["); s := after_key(i, piece)])

after_key(0, piece) := piece

after_key(i, piece) := substring(piece, indexof(piece, "]") + 1, count(piece)) if i > 0

# The resource address part of a reference target, without instance keys: "azurerm_x.y[0].id" ->
# "azurerm_x.y"; module prefixes ("module.m.") and "data." are kept.
target_address(t) := concat(".", array.slice(parts, 0, start + 2)) if {
	parts := split(unkeyed(t), ".")
	start := resource_start(parts)
}

# The attribute segments of a reference target after the resource address.
target_attribute(t) := concat(".", array.slice(parts, start + 2, count(parts))) if {
	parts := split(unkeyed(t), ".")
	start := resource_start(parts)
	count(parts) > start + 2
}

# Index of the resource type segment: skips "module.<name>" pairs and a leading "data".
resource_start(parts) := 0 if {
	# The usual shapes, told without a test of every segment: no prefix, or one module call.
	not parts[0] in {"module", "data"}
} else := 2 if {
	parts[0] == "module"
	parts[1] != "module"
	count(parts) > 2
	not parts[2] in {"module", "data"}
} else := min({i | some i, _ in parts; not prefix_segment(parts, i)})

prefix_segment(parts, i) if parts[i] == "module"

prefix_segment(parts, i) if {
	i > 0
	parts[i - 1] == "module"
}

prefix_segment(parts, i) if parts[i] == "data"

# Matching a reference target to a resource, instance keys included. A target matches an address
# when both name the same module calls, type and name, and their instance keys agree wherever BOTH
# carry one: `azurerm_x.y[0].id` matches `azurerm_x.y[0]`, not `azurerm_x.y[1]`;
# `module.m["a"].azurerm_x.y.id` matches `module.m["a"].azurerm_x.y`, not `module.m["b"].azurerm_x.y`.
# A position where either side has no key matches any key: `azurerm_x.y.id` (what a plan records
# for `azurerm_x.y[count.index].id`), `azurerm_x.y[*].id`, and a reference to a resource whose
# instances are unknown until apply match every instance, because the configuration alone cannot
# say which one they name; `azurerm_x.y[0].id` matches an `instancesUnknown` resource `azurerm_x.y`.

# True when reference target t names (an attribute of) address addr: a resource's own address, or
# another reference target standing for a resource (`azurerm_resource_group.rg[0].name`).
matches(t, addr) if {
	some v in address_views(addr)
	v in reference_views(t)
}

# True when attribute path `path` of resource r references (any attribute of) address `addr`.
references_address(r, path, addr) if {
	some t in targets(r, path)
	matches(t, addr)
}

# For a rule that matches many targets to many resources, so that it stays linear (see
# diagnostics_enabled): collect `reference_views(t)` of the targets in a set, then r is matched
# when `some v in address_views(r.address); v in that_set`. A view stands for [cells, names]: one
# cell per position that can carry a key (each module call, the resource itself), and each side
# lists one view per guess of where the other side carries keys (so 2^positions views at most): the
# cell is the key where both carry one, "reference" / "address" where only that side does, "" where
# neither does. The guess that is right gives both sides the same cells, and it equals only when
# the keys agree wherever both carry one.
# Each view is one string, `<cell>|<cell>|...|<names joined by ".">`
# (`"a"|reference|module.m.azurerm_x.y`): the module hashes and compares one string far faster than
# nested arrays (a 10,000-resource plan builds and looks up tens of thousands of views). The string
# is unambiguous: names hold no `|`, `.` or `"` (steps), so the names are what follows the last `|`
# and give the number of cells; a cell is "", "reference", "address", a number (none holds `|`) or
# a quoted key, which ends at its first unescaped `"` whatever it holds. Cells come first: they
# tell views apart sooner than the names, which most views share.
reference_views(t) := views(resource_steps(t), "reference")

address_views(addr) := views(resource_steps(addr), "address")

views(rs, side) := combine([cell_options(rs[i][1], side) | some i, _ in rs; key_position(i, count(rs))], concat(".", [st[0] | some st in rs]))

# One view per choice of a cell at each position. One or two positions (a resource, or one in a
# module) are most addresses: those are spelled out, which costs less than the masks.
combine(opts, names) := {concat("|", [a, names]) | some a in opts[0]} if {
	count(opts) == 1
} else := {concat("|", [a, b, names]) | some a in opts[0]; some b in opts[1]} if {
	count(opts) == 2
} else := {concat("|", array.concat(cells, [names])) |
	some mask in numbers.range(0, bits.lsh(1, count(opts)) - 1)
	cells := [o[bits.and(bits.rsh(mask, j), 1)] | some j, o in opts]
}

# The resource name (last) and the module call names (odd indexes before type and name) carry keys.
key_position(i, n) if i == n - 1

key_position(i, n) if {
	i < n - 2
	i % 2 == 1
}

# The cells of a position where this side's key is `key`: [the other side has no key there, it has one].
cell_options(key, side) := [side, key] if {
	key != ""
} else := ["", other_side[side]]

other_side := {"reference": "address", "address": "reference"}

# An address or reference target as [name, key] steps; the key is a number or a quoted string as
# written (`0`, `"a.b"`), "" where the step has none or a key that is not a literal (`[*]`):
# `module.app["a.b"].azurerm_x.y[0].id` ->
# [["module", ""], ["app", "\"a.b\""], ["azurerm_x", ""], ["y", "0"], ["id", ""]].
# Quoted keys may hold dots and brackets, so the address is not split on ".".
steps(addr) := s if {
	# Most addresses are plain (names, `[0]`, `["key"]`, `[*]` between dots, no dot or bracket in a
	# key): read those piece by piece, which gives the same steps as the pattern without a host call
	# per address (the pattern is a host builtin; a 10,000-resource plan asks for thousands of steps).
	pieces := split(addr, ".")
	s := [st | some p in pieces; st := plain_step(p)]
	count(s) == count(pieces)
} else := [[m[1], m[2]] | some m in regex.find_all_string_submatch_n(step_pattern, addr, -1)]

step_pattern := `([A-Za-z_][A-Za-z0-9_-]*)(?:\[("(?:[^"\\]|\\.)*"|[0-9]+)\]|\[[^\]]*\])?`

# One dot-separated piece that the pattern would read as one step: a name, then nothing, a number
# key, a quoted key without quote or backslash inside, or `[*]`; undefined otherwise.
plain_step(p) := [p, ""] if plain_name(p)

plain_step(p) := [name, key] if {
	endswith(p, "]")
	i := indexof(p, "[")
	i > 0
	name := substring(p, 0, i)
	plain_name(name)
	key := plain_key(substring(p, i + 1, (count(p) - i) - 2))
}

# [A-Za-z_][A-Za-z0-9_-]*
plain_name(n) if {
	n != ""
	trim_left(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == ""
	indexof("0123456789-", substring(n, 0, 1)) == -1
}

plain_key(k) := k if {
	k != ""
	trim_left(k, "0123456789") == ""
}

plain_key(k) := k if {
	count(k) >= 2
	startswith(k, `"`)
	endswith(k, `"`)
	not quoted_special(substring(k, 1, count(k) - 2))
}

plain_key("*") := ""

quoted_special(s) if contains(s, `"`)

quoted_special(s) if contains(s, `\`)


# The steps naming the resource: module calls, "data", type and name; undefined for a target that
# names no resource (`module.m`, a module call output that was not followed).
resource_steps(addr) := array.slice(s, 0, start + 2) if {
	s := steps(addr)
	modules := module_calls(s)
	start := (2 * modules) + data_step(s, 2 * modules)
	count(s) >= start + 2
}

# How many module calls lead the steps; none and one, the usual cases, without a set of candidates.
module_calls(s) := 0 if {
	not module_step(s, 0)
} else := 1 if {
	not module_step(s, 1)
} else := min({k | some k in numbers.range(0, count(s)); not module_step(s, k)})

module_step(s, k) if {
	s[2 * k][0] == "module"
	count(s) > (2 * k) + 1
}

data_step(s, i) := 1 if {
	s[i][0] == "data"
} else := 0

# The resource a reference target names, with the literal instance keys it gives:
# `module.m["a"].azurerm_x.y[0].id` -> `module.m["a"].azurerm_x.y[0]`; `azurerm_x.y[*].id` -> `azurerm_x.y`.
target_resource(t) := concat(".", [step_text(st) | some st in resource_steps(t)])

step_text(st) := st[0] if {
	st[1] == ""
} else := sprintf("%s[%s]", st)

# The resource's address without module prefix, as other resources in the same module refer to it.
local_address(r) := concat(".", [r.type, r.name])

# The same with the resource's own instance key: `azurerm_x.y[1]`, `azurerm_x.y["k"]`.
local_instance_address(r) := trim_prefix(r.address, concat("", [object.get(r, "module", ""), "."]))

# Both addresses a reference to r may use.
addresses(r) := {r.address, local_address(r)}

# True when the dotted attribute path p is unknown until apply (a plan), or lies inside an unknown value.
unknown(r, p) if {
	some u in r.unknown
	within(p, u)
}

within(p, u) if p == u

# Inside: u, then a dot (tested without building u + ".": this runs for every unknown path).
within(p, u) if {
	startswith(p, u)
	substring(p, count(u), 1) == "."
}

# Known only at apply (policies/README.md, "Known only at apply"): a value CDKTF/HCL keep as
# expression text because the configuration alone does not decide it (another resource's attribute,
# a variable with no default and no tfvars value), or a value a plan shows as unknown. Rules report
# no condition on such a value. apply_time(r, object.get(b, "type", null), ["backup", 0, "type"])
apply_time(_, v, _) if is_expression(v)

apply_time(r, _, segments) if path(segments) in r.unknown

# The same for an Optional+Computed attribute (Key Vault rbac_authorization_enabled): a plan that
# creates the resource shows it unknown when the configuration leaves it out, so there only an
# unknown value that the configuration sets from a reference counts.
apply_time_computed(_, v, _) if is_expression(v)

apply_time_computed(r, _, segments) if {
	p := path(segments)
	p in r.unknown
	some ref in r.references
	within(ref.attribute, p)
}

# A boolean attribute: its literal value; the provider default `def` when unset; undefined when it
# is an expression or unknown until apply (neither true nor false can be told before apply).
bool_attr(r, key, def) := v if {
	v := object.get(r.values, key, null)
	is_boolean(v)
} else := def if {
	not attr_set(r, object.get(r.values, key, null), [key])
}

# Literal boolean test that treats an unset attribute as its provider default.
bool_or_default(values, key, def) := v if {
	v := object.get(values, key, null)
	is_boolean(v)
} else := def

# Dotted attribute path from segments, numbers as indexes: path(["registry", 0, "identity"]).
path(segments) := concat(".", [s | some p in segments; s := segment(p)])

segment(p) := format_int(p, 10) if is_number(p)

segment(p) := p if is_string(p)

# True when an attribute is set: its literal value `v` is other than null or "", or it is an
# expression (CDKTF/HCL keep the text; plans show null and list the path in `unknown`).
# attr_set(r, object.get(reg, "identity", null), ["registry", i, "identity"])
attr_set(_, v, _) if {
	v != null
	v != ""
}

attr_set(r, _, segments) if path(segments) in r.unknown

attr_set(r, _, segments) if {
	some ref in r.references
	ref.attribute == path(segments)
}

# Lifecycle (CDKTF/HCL only; a plan does not record it): `lifecycle.ignore_changes` covers the
# dotted attribute path p (without indexes: "time_period.start_date") when it names p, a block or
# attribute above it ("time_period"), or is `all`.
ignores_changes(r, p) if {
	some ignored in object.get(object.get(r, "lifecycle", {}), "ignore_changes", [])
	ignored_covers(ignored, p)
}

ignored_covers("all", _) := true

ignored_covers(ignored, p) if within(p, ignored)

# `lifecycle { prevent_destroy = true }` (CDKTF/HCL only).
prevent_destroy(r) if object.get(object.get(r, "lifecycle", {}), "prevent_destroy", false) == true

# The resource type a reference target names: "azurerm_x" for `azurerm_x.y[0].id`,
# `data.azurerm_x.y.id` and `module.m.azurerm_x.y`; undefined for `var.x`-like targets without a type.
target_type(t) := rs[count(rs) - 2][0] if {
	rs := resource_steps(t)
	contains(rs[count(rs) - 2][0], "_")
}

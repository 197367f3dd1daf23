# Helpers over the normalised PolicyInput (src/input/types.ts): resources by type, nested blocks,
# and the references recorded for each attribute.
package lib.tf

import rego.v1

# Managed resources of one type.
resources(t) := [r | some r in input.resources; r.mode == "managed"; r.type == t]

# Managed resources whose type is in a set of types.
resources_in(types) := [r | some r in input.resources; r.mode == "managed"; r.type in types]

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
# References and resources are compared this way: a plan's resources carry keys that a reference may
# leave out (`azurerm_x.y[*].id`), and an HCL reference may carry keys that the config address has not.
unkeyed(addr) := concat("", [s | some i, piece in split(addr, "["); s := after_key(i, piece)])

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
resource_start(parts) := min({i | some i, _ in parts; not prefix_segment(parts, i)})

prefix_segment(parts, i) if parts[i] == "module"

prefix_segment(parts, i) if {
	i > 0
	parts[i - 1] == "module"
}

prefix_segment(parts, i) if parts[i] == "data"

# True when attribute path `path` of resource r references (any attribute of) resource address `addr`.
references_address(r, path, addr) if {
	some t in targets(r, path)
	target_address(t) == addr
}

# The resource's address without module prefix, as other resources in the same module refer to it.
local_address(r) := concat(".", [r.type, r.name])

# Both addresses a reference to r may use.
addresses(r) := {r.address, local_address(r)}

# A resource's own address without instance keys, as target_address gives the resources it refers to.
resource_address(r) := unkeyed(r.address)

# True when the dotted attribute path p is unknown until apply (a plan), or lies inside an unknown value.
unknown(r, p) if {
	some u in r.unknown
	within(p, u)
}

within(p, u) if p == u

within(p, u) if startswith(p, concat("", [u, "."]))

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

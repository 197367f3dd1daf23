# Builders for the unit tests beside the rules (*_test.rego, run by `apg test policies/`): inputs in
# the normalised shape rules read (src/input/types.ts, docs/policies.md "The input rules see").
# A _test.rego file, so it is never part of the checker's pack.
package lib.testing

import rego.v1

# A managed root-module resource at `<type>.<name>` with attribute values as a plan shows them
# (nested blocks as arrays of objects).
resource(type, name, values) := {
	"address": concat(".", [type, name]),
	"mode": "managed",
	"type": type,
	"name": name,
	"module": "",
	"values": values,
	"unknown": [],
	"references": [],
}

# The same with references: {"attribute path": ["target", ...]}.
referencing(type, name, values, refs) := object.union(resource(type, name, values), {"references": [
{"attribute": a, "targets": ts} |
	some a, ts in refs
]})

# A CDKTF input of these resources.
resources(rs) := {"format": "cdktf", "source": "test.tf.json", "resources": rs, "outputs": []}

# The same for a CDKTF stack (the environment rules and parameters read).
stack(name, rs) := object.union(resources(rs), {"stack": name})

# Addresses of a deny set's findings.
addresses(findings) := {f.address | some f in findings}

# Check ids of a deny set's findings.
checks(findings) := {f.check | some f in findings}

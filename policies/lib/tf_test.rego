# lib.tf.resources and resources_in read a per-input index by type (one sort of the input): they
# must still list managed resources only, each once, in input order.
package lib.tf_test

import rego.v1

import data.lib.testing
import data.lib.tf

app(name) := testing.resource("azurerm_container_app", name, {})

vault(name) := testing.resource("azurerm_key_vault", name, {})

data_vault := object.union(vault("existing"), {"mode": "data", "address": "data.azurerm_key_vault.existing"})

mixed := testing.resources([app("b"), vault("z"), data_vault, app("a"), vault("y"), app("c")])

names(rs) := [r.name | some r in rs]

test_resources_of_one_type_in_input_order if {
	names(tf.resources("azurerm_container_app")) == ["b", "a", "c"] with input as mixed
	names(tf.resources("azurerm_key_vault")) == ["z", "y"] with input as mixed
}

test_resources_of_an_absent_type_are_empty if {
	tf.resources("azurerm_search_service") == [] with input as mixed
	tf.resources("azurerm_container_app") == [] with input as testing.resources([])
}

test_resources_in_keeps_input_order_across_types if {
	names(tf.resources_in({"azurerm_container_app", "azurerm_key_vault"})) == ["b", "z", "a", "y", "c"] with input as mixed
}

test_resources_in_lists_each_resource_once if {
	names(tf.resources_in(["azurerm_key_vault", "azurerm_key_vault", "azurerm_storage_account"])) == ["z", "y"] with input as mixed
}

# More than 16 types: the index is built by sorting instead of one scan per type.
# A data source among them is no managed resource of its type.
many_types := testing.resources(array.concat(
	[testing.resource(sprintf("azurerm_t%02d", [i % 20]), sprintf("r%02d", [i]), {}) | some i in numbers.range(0, 39)],
	[object.union(data_vault, {"type": "azurerm_t03"})],
))

test_resources_with_many_types_in_input_order if {
	names(tf.resources("azurerm_t03")) == ["r03", "r23"] with input as many_types
	names(tf.resources_in({"azurerm_t19", "azurerm_t00"})) == ["r00", "r19", "r20", "r39"] with input as many_types
	tf.resources("azurerm_key_vault") == [] with input as many_types
}

# tf.matches through the views (one string each, `<cell>|...|<names>`): keys agree wherever both
# sides carry one, whatever the quoted keys hold (the separator, dots, brackets, the words the
# cells use for "only this side has a key").
test_matches_compares_keys_where_both_carry_one if {
	tf.matches("azurerm_x.y[0].id", "azurerm_x.y[0]")
	not tf.matches("azurerm_x.y[0].id", "azurerm_x.y[1]")
	not tf.matches(`azurerm_x.y["0"].id`, "azurerm_x.y[0]")
	tf.matches("azurerm_x.y.id", "azurerm_x.y[1]")
	tf.matches("azurerm_x.y[*].id", "azurerm_x.y[1]")
	tf.matches("azurerm_x.y[0].id", "azurerm_x.y")
	not tf.matches("azurerm_x.z[0].id", "azurerm_x.y[0]")
	not tf.matches("azurerm_x.y.id", "module.m.azurerm_x.y")
}

test_matches_quoted_keys_holding_the_separator_and_dots if {
	tf.matches(`module.m["a|b"].azurerm_x.y.id`, `module.m["a|b"].azurerm_x.y`)
	not tf.matches(`module.m["a|b"].azurerm_x.y.id`, `module.m["a"].azurerm_x.y`)
	not tf.matches(`module.m["a"].azurerm_x.y.id`, `module.m["a|b"].azurerm_x.y`)
	not tf.matches(`module.m["a|"].azurerm_x.y.id`, `module.m["a"].azurerm_x.y`)
	tf.matches(`module.m["a.b"].azurerm_x.y[0].id`, `module.m["a.b"].azurerm_x.y[0]`)
	not tf.matches(`module.m["a.b"].azurerm_x.y.id`, `module.m["a"].azurerm_x.y`)
	not tf.matches(`module.m["x].[y"].azurerm_x.y.id`, `module.m["x"].azurerm_x.y`)
	tf.matches(`module.m["x].[y"].azurerm_x.y.id`, `module.m["x].[y"].azurerm_x.y`)
	# A key spelled like a cell, or like another address's key and names run together.
	not tf.matches(`module.m["|module.m.azurerm_x.y"].azurerm_x.y[0].id`, `module.m["a"].azurerm_x.y[0]`)
	not tf.matches(`azurerm_x.y["address"].id`, "azurerm_x.y[0]")
	tf.matches(`azurerm_x.y["address"].id`, "azurerm_x.y")
	tf.matches("azurerm_x.y.id", `azurerm_x.y["reference"]`)
	not tf.matches(`azurerm_x.y["reference"].id`, `azurerm_x.y["address"]`)
}

test_matches_nested_modules_every_key_counts if {
	tf.matches(`module.a[0].module.b["x"].azurerm_x.y[1].id`, `module.a[0].module.b["x"].azurerm_x.y[1]`)
	not tf.matches(`module.a[0].module.b["x"].azurerm_x.y[1].id`, `module.a[1].module.b["x"].azurerm_x.y[1]`)
	not tf.matches(`module.a[0].module.b["x"].azurerm_x.y[1].id`, `module.a[0].module.b["y"].azurerm_x.y[1]`)
	not tf.matches(`module.a[0].module.b["x"].azurerm_x.y[1].id`, `module.a[0].module.b["x"].azurerm_x.y[0]`)
	tf.matches("module.a.module.b.azurerm_x.y.id", `module.a[3].module.b["z"].azurerm_x.y[2]`)
	not tf.matches("module.a[3].module.b.azurerm_x.y.id", `module.a[2].module.b["z"].azurerm_x.y[2]`)
	count(tf.address_views(`module.a[0].module.b["x"].azurerm_x.y[1]`)) == 8
}

# The encoding itself: one string per view, cells first, then the names.
test_views_are_one_string_each if {
	tf.address_views("azurerm_x.y[0]") == {"address|azurerm_x.y", "0|azurerm_x.y"}
	tf.reference_views("azurerm_x.y.id") == {"|azurerm_x.y", "address|azurerm_x.y"}
	tf.address_views(`module.m["a.b"].azurerm_x.y`) == {
		"address||module.m.azurerm_x.y", "address|reference|module.m.azurerm_x.y",
		`"a.b"||module.m.azurerm_x.y`, `"a.b"|reference|module.m.azurerm_x.y`,
	}
	tf.reference_views("data.azurerm_x.y[2].name") == {"reference|data.azurerm_x.y", "2|data.azurerm_x.y"}
	not tf.reference_views("module.m")
}

# resource_start's short cuts (no prefix, one module call) give what testing every segment gives.
test_resource_start_short_cuts_agree_with_every_segment if {
	every parts in [
		["azurerm_x", "y", "id"], ["module", "m", "azurerm_x", "y"], ["module", "module", "azurerm_x", "y", "id"],
		["module", "m", "module", "n", "azurerm_x", "y"], ["module", "m", "data", "azurerm_x", "y"],
		["data", "azurerm_x", "y"], ["var", "x"], ["module", "m", "out"], ["module", "m", "m2"],
	] {
		tf.resource_start(parts) == min({i | some i, _ in parts; not tf.prefix_segment(parts, i)})
	}
	not tf.resource_start(["module", "m"])
	not tf.resource_start(["module"])
}

# module_calls' short cuts (none, one) give what testing every step gives.
test_module_calls_short_cuts_agree_with_every_step if {
	every addr in [
		"azurerm_x.y", "module.m.azurerm_x.y", `module.m["a"].module.n[0].azurerm_x.y.id`, "module.m",
		"module", "module.module.azurerm_x.y", "data.azurerm_x.y", "module.m.data.azurerm_x.y", "",
	] {
		s := tf.steps(addr)
		tf.module_calls(s) == min({k | some k in numbers.range(0, count(s)); not tf.module_step(s, k)})
	}
}

test_target_address_and_attribute if {
	tf.target_address("azurerm_x.y[0].id") == "azurerm_x.y"
	tf.target_attribute("azurerm_x.y[0].identity[0].principal_id") == "identity.principal_id"
	tf.target_address(`module.m["a.b"].azurerm_x.y.id`) == "module.m.azurerm_x.y"
	tf.target_address("module.m.module.n.azurerm_x.y.id") == "module.m.module.n.azurerm_x.y"
	tf.target_address("module.m.data.azurerm_x.y.id") == "module.m.data.azurerm_x.y"
	tf.target_address("data.azurerm_x.y.id") == "data.azurerm_x.y"
	tf.target_address("var.x") == "var.x"
	not tf.target_attribute("var.x")
	not tf.target_address("module.m")
	not tf.target_attribute("module.m.out")
}

# unkeyed's one-key path (split in two, no comprehension) must answer as the general one does,
# including for a "]" inside a key, before the "[", or missing.
unkeyed_by_pieces(addr) := concat("", [s | some i, piece in split(addr, "["); s := tf.after_key(i, piece)])

test_unkeyed_one_key_as_the_general_form if {
	addresses := [
		"azurerm_x.y", "azurerm_x.y[0]", "azurerm_x.y[0].id", `module.app["a.b"].azurerm_x.y.primary_key`,
		`module.m["a]b"].azurerm_x.y.id`, "a]b[0].c", "azurerm_x.y[0", "[0].x", "x[]",
		`module.m["a"].azurerm_x.y[1].id`, `module.m["a"].module.n["b"].azurerm_x.y`,
	]
	every a in addresses {
		tf.unkeyed(a) == unkeyed_by_pieces(a)
	}
	tf.unkeyed(`module.app["a.b"].azurerm_x.y.primary_key`) == "module.app.azurerm_x.y.primary_key"
	tf.unkeyed(`module.m["a"].azurerm_x.y[1].id`) == "module.m.azurerm_x.y.id"
}

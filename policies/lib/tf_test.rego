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
many_types := testing.resources([testing.resource(sprintf("azurerm_t%02d", [i % 20]), sprintf("r%02d", [i]), {}) | some i in numbers.range(0, 39)])

test_resources_with_many_types_in_input_order if {
	names(tf.resources("azurerm_t03")) == ["r03", "r23"] with input as many_types
	names(tf.resources_in({"azurerm_t19", "azurerm_t00"})) == ["r00", "r19", "r20", "r39"] with input as many_types
}

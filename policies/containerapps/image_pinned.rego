# METADATA
# title: Container images are pinned
# description: >-
#   Container and init-container images are referenced by digest (@sha256:...) or by an explicit tag
#   other than latest, so that a revision always runs the image that was reviewed.
# custom:
#   id: image-pinned
#   severity: deny
#   audit:
#     - "000 §6.11.2 Base image unpinned: resolves differently over time"
#     - "000 §6.11.3 uv tag :latest: build not reproducible"
#   resource_types:
#     - azurerm_container_app
#     - azurerm_container_app_job
package rules.containerapps.image_pinned

import rego.v1

import data.lib.tf

deny contains finding if {
	some r in tf.resources_in({"azurerm_container_app", "azurerm_container_app_job"})
	some ti, t in tf.blocks(r.values, "template")
	some kind in ["container", "init_container"]
	some i, c in tf.blocks(t, kind)
	image := object.get(c, "image", null)
	is_string(image)
	not pinned(image)
	not tag_is_expression(image)
	finding := {
		"address": r.address,
		"attribute": tf.path(["template", ti, kind, i, "image"]),
		"msg": sprintf("template.%s.%d.image %s is not pinned: use an immutable version tag or @sha256 digest, never latest or no tag", [kind, i, image]),
	}
}

pinned(image) if contains(image, "@sha256:")

pinned(image) if {
	t := tag(image)
	t != ""
	lower(t) != "latest"
}

# The text after the last "/" (the repository and tag); "registry:5000/repo" has no tag.
last_segment(image) := segs[count(segs) - 1] if segs := split(image, "/")

tag(image) := parts[count(parts) - 1] if {
	parts := split(last_segment(image), ":")
	count(parts) > 1
} else := ""

# "${var.image}" or "repo:${var.tag}": the tag is decided elsewhere.
tag_is_expression(image) if endswith(image, "}")

/**
 * The normalised policy input: one shape for synthesized CDKTF JSON, `terraform show -json` plans
 * and HCL directories, so that each Rego rule and the cost estimator are written once.
 * This is the contract between src/input (producer), policies/ (Rego rules read it as `input`)
 * and src/cost (consumer). The README documents it for rule authors.
 */

export type InputFormat = 'cdktf' | 'plan' | 'hcl';

export interface PolicyInput {
  format: InputFormat;
  /** The file or directory the input was loaded from (as given). */
  source: string;
  /** For CDKTF, the stack name (e.g. `dev`); otherwise undefined. */
  stack?: string;
  /** Resources (managed and data) in address order. */
  resources: NormalizedResource[];
  /** Root-module outputs. */
  outputs: NormalizedOutput[];
  /** Filled in by the cost estimator before policy evaluation (see src/cost). */
  cost?: CostSummary;
  /**
   * CDKTF/HCL: module calls whose code is not on disk (a registry or git source that `terraform
   * init` has not installed): their resources are not in `resources`, so no rule checked them and
   * the cost review cannot price them. Every report says so. Absent when there are none.
   */
  modulesNotLoaded?: ModuleNotLoaded[];
}

/** A file and 1-based line; `end` is the block's last line where known (to find an attribute in it). */
export interface SourceLocation {
  file: string;
  line: number;
  end?: number;
}

export interface ModuleNotLoaded {
  /** `module.acr`, with the calling module instances' prefix (`module.app["a"].module.acr`). */
  address: string;
  source: string;
  /** The call's `version` constraint, when it has one. */
  version?: string;
  /** The module block. */
  location?: SourceLocation;
}

export interface NormalizedResource {
  /** Terraform address: `type.name` at root, `module.a.module.b.type.name` below, with `[0]` / `["k"]` instance keys where count/for_each make instances (in every format). */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Module path of the resource: '' at root, else `module.a.module.b`. */
  module: string;
  /**
   * Attribute values as Terraform plan JSON shows them: nested blocks are always arrays of
   * objects (`values.template[0].min_replicas`), maps (tags, ...) are objects. Attributes whose
   * value is an expression (a reference, a function call) hold the expression text as written
   * (`"${azurerm_key_vault.main.id}"`) in CDKTF/HCL inputs, and `null` in plans when the value
   * is unknown until apply (listed in `unknown`).
   */
  values: Record<string, unknown>;
  /** Attribute paths (dotted, block indexes included: `template.0.container.0.image`) unknown until apply. */
  unknown: string[];
  /**
   * What each attribute refers to. `attribute` is the dotted path of the attribute that holds the
   * expression (`template.0.container.0.env.1.value`); `targets` are the referenced addresses with
   * their attribute (`azurerm_cosmosdb_account.graph.primary_key`, `var.x`, `local.y`), after
   * following module inputs/outputs to the resource attribute they stand for. An explicit
   * `depends_on` is recorded as attribute `depends_on` (targets `azurerm_x.y`, `module.m`), in every format.
   */
  references: Reference[];
  /**
   * Attribute paths whose value derives from something Terraform treats as sensitive: plans mark
   * them in `after_sensitive` (a provider-sensitive attribute such as an account key, a sensitive
   * variable or output); CDKTF/HCL inputs, where the value went through a variable or module output
   * declared `sensitive = true`. Absent when there are none.
   */
  sensitive?: string[];
  /**
   * CDKTF/HCL only: the resource has `count` / `for_each` (or sits in a module call that has one)
   * whose value is not known before apply, so the number of instances is not known either. It is
   * one resource at its configuration address (rules see it once); the cost estimator lists it as
   * unpriced. Absent otherwise: a known count/for_each is expanded into one resource per instance
   * (`type.name[0]`, `type.name["k"]`, `module.m["k"].type.name`), as a plan shows them.
   */
  instancesUnknown?: true;
  /**
   * The `lifecycle` meta-argument, CDKTF/HCL only (`terraform show -json` does not record it):
   * `prevent_destroy` when literally true; `ignore_changes` as dotted attribute paths without
   * indexes (`time_period[0].start_date` → `time_period.start_date`), `["all"]` for `all`.
   * Absent when neither is set. Explicit `depends_on` is in `references` (attribute `depends_on`).
   */
  lifecycle?: { prevent_destroy?: true; ignore_changes?: string[] };
  /**
   * Plans only: the planned actions of this instance (`["create"]`, `["update"]`, `["no-op"]`,
   * `["delete", "create"]` for a replacement). Absent for configurations and for states.
   */
  actions?: string[];
  /**
   * An azapi resource (src/input/azapi.ts): its azapi type and the ARM type and API version of its
   * body. For an ARM type the mapping knows, `type` is the azurerm type it reads as and `values`,
   * `references`, `unknown`, `sensitive` are in that type's attribute names; otherwise `type` stays
   * `azapi_resource`. `updates`: an `azapi_update_resource` whose changes were applied to that resource.
   */
  azapi?: { type: string; armType: string; apiVersion?: string; updates?: string };
  /**
   * CDKTF/HCL: where the resource is written — the block in a `.tf` file, or for CDKTF the line of
   * the app's code that created it (from the construct stack trace in `//.metadata`; without one,
   * none, and reports find the block in cdk.tf.json). Plans have none (findings point at the plan file).
   */
  location?: SourceLocation;
}

export interface Reference {
  attribute: string;
  targets: string[];
}

export interface NormalizedOutput {
  /** `output.<name>` (root module only). */
  address: string;
  name: string;
  sensitive: boolean;
  /** Referenced addresses with attribute, resolved through module outputs as for resources. */
  references: string[];
  /** The literal value where known (plans: planned value; otherwise the expression text). */
  value?: unknown;
  /** CDKTF/HCL: where the output block is written. */
  location?: SourceLocation;
}

export interface CostSummary {
  currency: 'USD';
  /** Idle baseline: monthly cost with zero traffic. */
  idleMonthly: number;
  /** Estimate with the usage file applied (equal to idleMonthly without one). */
  totalMonthly: number;
  /** Budgets found in the input, by address, with their monthly-equivalent amount. */
  budgets: { address: string; monthlyAmount: number }[];
  /** Resources the estimate could not price (left out of the figures above). */
  unpriced: number;
}

/** What a check produces: findings per rule and input, and a summary. */
import type { InputFormat } from '../input/types';
import type { RuleInfo, Severity } from './metadata';

export interface Finding {
  /** Rule id (`custom.id` of the rule's METADATA), or `waiver-invalid`. */
  rule: string;
  /** `<rule>/<check>` when the rule tests several conditions and names the one this finding is about. */
  check?: string;
  severity: Severity;
  title: string;
  /** Resource or output address, or `*` for a plan-wide finding. */
  address: string;
  message: string;
  waived: boolean;
  waiverReason?: string;
  /** The input file (or waivers file) the finding is about. */
  source: string;
  /** CDKTF stack name, when the input is a stack. */
  stack?: string;
  /**
   * Where to act on it: the resource's block in a `.tf` file (the attribute's line when the rule
   * names one with `attribute`), or for CDKTF the app code line that created the resource, else its
   * block in cdk.tf.json. Absent for plans (reports then look the address up in the plan file).
   */
  file?: string;
  line?: number;
}

/** A module call whose code was not on disk: its resources were not checked. */
export interface ModuleNotChecked {
  /** The input (folder or file) it was found in, and its stack. */
  input: string;
  stack?: string;
  address: string;
  moduleSource: string;
  version?: string;
  /** The module block. */
  file?: string;
  line?: number;
  message: string;
}

export interface CheckedInput {
  source: string;
  format: InputFormat;
  stack?: string;
  resources: number;
}

export interface CheckSummary {
  inputs: number;
  resources: number;
  rules: number;
  /** Unwaived deny findings: any makes the check fail. */
  deny: number;
  warn: number;
  waived: number;
  passed: boolean;
}

export interface CheckReport {
  findings: Finding[];
  summary: CheckSummary;
  inputs: CheckedInput[];
  rules: RuleInfo[];
  /** Things the user should know that are not findings (e.g. cost estimate unavailable, a module not installed). */
  notes: string[];
  /** Module calls not checked (each also has a note), for the formats that can place them. */
  modulesNotChecked: ModuleNotChecked[];
}

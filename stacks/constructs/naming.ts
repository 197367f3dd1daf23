/**
 * Resource names and the mandatory tags of one environment. Names are derived from
 * `namePrefix`, the environment and `nameSuffix` only, so two synths give the same names and
 * globally unique services (registry, vault, Cosmos, Search, OpenAI) do not collide.
 */
import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import type { EnvironmentConfig } from '../config/schema';

export interface NamingProps {
  prefix: string;
  environment: string;
  suffix: string;
}

export class Naming {
  constructor(private readonly props: NamingProps) {}

  /** Hyphenated name: `<kind>-<prefix>-<env>[-<part>]`. */
  name(kind: string, part?: string): string {
    const { prefix, environment } = this.props;
    return [kind, prefix, environment, part].filter(Boolean).join('-');
  }

  /** Hyphenated, globally unique name: `<kind>-<prefix>-<env>[-<part>]-<suffix>`. */
  globalName(kind: string, part?: string): string {
    return [this.name(kind, part), this.props.suffix].join('-');
  }

  /** Letters and digits only (container registry): `<kind><prefix><env><suffix>`. */
  compactName(kind: string): string {
    const { prefix, environment, suffix } = this.props;
    return `${kind}${prefix}${environment}${suffix}`;
  }

  /** Container app names: `<prefix>-<env>-<app>` (max 32 characters, checked by the schema's short names). */
  appName(app: string): string {
    return `${this.props.prefix}-${this.props.environment}-${app}`;
  }
}

/** The tags every taggable resource carries (owner, environment, cost-center) plus the config's. */
export function requiredTags(config: EnvironmentConfig): Record<string, string> {
  return { owner: config.owner, environment: config.environment, 'cost-center': config.costCenter, 'managed-by': 'cdktf' };
}

type Taggable = TerraformResource & { tags?: Record<string, string>; tagsInput?: Record<string, string> };

/**
 * Adds the required tags to every resource that has a `tags` attribute, so no construct can
 * forget them (tags set by a construct win over these on key clashes, except the required keys).
 */
export class TaggingAspect implements IAspect {
  constructor(private readonly tags: Record<string, string>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const taggable = node as Taggable;
    if (!('tagsInput' in taggable)) return;
    taggable.tags = { ...(taggable.tagsInput ?? {}), ...this.tags };
  }
}

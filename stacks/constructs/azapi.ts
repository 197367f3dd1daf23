/**
 * Raw cdktf elements for the azapi provider (no prebuilt bindings exist): the provider itself, an
 * `azapi_resource` and a `data "azapi_resource"`. azapi talks to Azure Resource Manager only, so what
 * it writes and reads goes through the management plane, never a service's data plane.
 *
 * `body`/`sensitive_body` are dynamic (ARM JSON, camelCase keys): they are set as raw overrides so
 * cdktf does not snake_case them, and synthesis stays offline (no provider schema is needed).
 */
import { Construct } from 'constructs';
import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';

/**
 * azapi 2.12.0, because existing environments move `azurerm_key_vault_secret.graph_db_key_secret` into
 * `azapi_resource.graph_db_key_secret` (cosmos-graph.ts), and that move needs:
 * - 2.7.0: move-state derives the ARM id of an azurerm_key_vault_secret (whose `id` is a data-plane URL)
 *   from its `resource_versionless_id` (Azure/terraform-provider-azapi CHANGELOG v2.7.0, GH-917, PR #960;
 *   deriveAzureArmIdFromAzurermState in internal/services/azapi_resource.go);
 * - 2.12.0: every move from azurerm failed from 2.8.0 to 2.11.0 with `attributes "id" and "type" are
 *   required` (the resource identity added in 2.8.0 was not set on move; issue #1173, fixed by PR #1175,
 *   CHANGELOG v2.12.0). 2.12.0 also skips the Key Vault secret API versions ARM does not serve yet
 *   (2026-02-01, 2026-03-01-preview: internal/azure/loader.go skipApiVersions), which a move would
 *   otherwise pick for the moved state's type (issue #1216).
 * 2.12.0 also carries the fixes for state written by older azapi releases, which had no resource
 * identity ("Missing Resource Identity After Update" with Terraform < 1.12: PR #1024, 2.9.0; "… After
 * Read": PR #1156, 2.11.0), as this stack's state from 2.5.0 is.
 * `sensitive_body_version` (a write-only property is sent again only when its version changes) exists
 * since 2.5.0 (docs/resources/resource.md).
 */
export const AZAPI_VERSION = '2.12.0';

class AzapiProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: { providerName: 'azapi', providerVersion: AZAPI_VERSION },
      terraformProviderSource: 'Azure/azapi',
    });
  }
}

/** The stack's azapi provider, declared once however many constructs need it. */
export function azapiProvider(scope: Construct): TerraformProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild('azapi');
  return (existing as TerraformProvider | undefined) ?? new AzapiProvider(stack, 'azapi');
}

export interface ArmResourceProps {
  /** `<resource type>@<api version>`, e.g. `Microsoft.KeyVault/vaults/secrets@2023-07-01`. */
  type: string;
  name: string;
  parentId: string;
  /** ARM request body (kept in state). */
  body?: Record<string, unknown>;
  /** Write-only part of the body (Terraform >= 1.11): merged into the request, never stored. */
  sensitiveBody?: Record<string, unknown>;
  /** Path in `sensitiveBody` → version; a path is sent again only when its version changes. */
  sensitiveBodyVersion?: Record<string, string>;
  /** Response paths exported under `output` (list form). */
  responseExportValues?: string[];
}

/** `azapi_resource`: any ARM resource, created, read and updated through Azure Resource Manager. */
export class ArmResource extends TerraformResource {
  constructor(scope: Construct, id: string, props: ArmResourceProps) {
    super(scope, id, { terraformResourceType: 'azapi_resource', provider: azapiProvider(scope) });
    this.addOverride('type', props.type);
    this.addOverride('name', props.name);
    this.addOverride('parent_id', props.parentId);
    if (props.body) this.addOverride('body', props.body);
    if (props.sensitiveBody) this.addOverride('sensitive_body', props.sensitiveBody);
    if (props.sensitiveBodyVersion) this.addOverride('sensitive_body_version', props.sensitiveBodyVersion);
    if (props.responseExportValues) this.addOverride('response_export_values', props.responseExportValues);
  }

  /** A value under `output` (one of `responseExportValues`), e.g. `properties.secretUri`. */
  output(path: string): string {
    return this.getStringAttribute(`output.${path}`);
  }
}

export interface ArmReadProps {
  type: string;
  resourceId: string;
  /** Result name → JMESPath into the response (map form). */
  responseExportValues: Record<string, string>;
}

/** `data "azapi_resource"`: reads an ARM resource through Azure Resource Manager. */
export class ArmRead extends TerraformDataSource {
  constructor(scope: Construct, id: string, props: ArmReadProps) {
    super(scope, id, { terraformResourceType: 'azapi_resource', provider: azapiProvider(scope) });
    this.addOverride('type', props.type);
    this.addOverride('resource_id', props.resourceId);
    this.addOverride('response_export_values', props.responseExportValues);
  }

  /** One of the `responseExportValues` names. */
  output(name: string): string {
    return this.getStringAttribute(`output.${name}`);
  }
}

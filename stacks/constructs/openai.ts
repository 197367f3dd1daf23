/**
 * Azure OpenAI account (Entra auth only, custom subdomain, private endpoint only) and one model deployment
 * whose capacity comes from config, capped per tier by validation (audit 000 §1: GPT-4.1 at
 * 300K TPM for a demo).
 */
import { Construct } from 'constructs';
import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';

export interface OpenAiProps {
  name: string;
  resourceGroupName: string;
  location: string;
  model: { name: string; version: string };
  deploymentSku: string;
  /** Thousands of tokens per minute (`sku.capacity`). */
  capacityThousandTpm: number;
  /** Hard ceiling checked here as well as in config validation. */
  capacityCapThousandTpm: number;
}

export class OpenAi extends Construct {
  readonly account: CognitiveAccount;
  readonly deployment: CognitiveDeployment;

  constructor(scope: Construct, id: string, props: OpenAiProps) {
    super(scope, id);
    if (props.capacityThousandTpm > props.capacityCapThousandTpm)
      throw new Error(`${id}: capacity ${props.capacityThousandTpm}K TPM exceeds the cap of ${props.capacityCapThousandTpm}K TPM`);
    this.account = new CognitiveAccount(this, 'account', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      kind: 'OpenAI',
      skuName: 'S0',
      // Needed for Entra token auth and network ACLs; ForceNew once set.
      customSubdomainName: props.name,
      // No API keys: callers need the Cognitive Services OpenAI User role.
      localAuthEnabled: false,
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    });
    this.deployment = new CognitiveDeployment(this, 'deployment', {
      name: props.model.name,
      cognitiveAccountId: this.account.id,
      model: { format: 'OpenAI', name: props.model.name, version: props.model.version },
      sku: { name: props.deploymentSku, capacity: props.capacityThousandTpm },
      // Model upgrades are a reviewed config change, not a silent service-side switch.
      versionUpgradeOption: 'NoAutoUpgrade',
    });
  }

  get id(): string {
    return this.account.id;
  }
  get endpoint(): string {
    return this.account.endpoint;
  }
}

/**
 * Azure AI Search with API keys disabled (Entra ID and RBAC only), reachable only through its
 * private endpoint; size from config.
 */
import { Construct } from 'constructs';
import { SearchService } from '@cdktf/provider-azurerm/lib/search-service';

export interface SearchProps {
  name: string;
  resourceGroupName: string;
  location: string;
  sku: string;
  replicaCount: number;
  partitionCount: number;
}

export class Search extends Construct {
  readonly service: SearchService;

  constructor(scope: Construct, id: string, props: SearchProps) {
    super(scope, id);
    const sized = props.sku !== 'free';
    this.service = new SearchService(this, 'service', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: props.sku,
      ...(sized ? { replicaCount: props.replicaCount, partitionCount: props.partitionCount } : {}),
      // No admin/query API keys: callers use Entra tokens and Search Index Data roles.
      localAuthenticationEnabled: false,
      publicNetworkAccessEnabled: false,
      // Trusted Azure services (Azure OpenAI "on your data") may still reach the index.
      networkRuleBypassOption: 'AzureServices',
    });
  }

  get id(): string {
    return this.service.id;
  }
  get endpoint(): string {
    return `https://${this.service.name}.search.windows.net`;
  }
}

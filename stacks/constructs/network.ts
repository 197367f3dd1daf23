/**
 * The environment's private network: a VNet with a subnet for the Container Apps environment and
 * one for private endpoints, plus a private endpoint (and its private DNS zone) per data service.
 * Every data service then runs with `public_network_access_enabled = false`: the apps reach them
 * through the VNet, nothing else reaches them at all.
 */
import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';

export interface PrivateNetworkProps {
  name: string;
  resourceGroupName: string;
  location: string;
  addressSpace: string;
  /** Container Apps subnet (delegated to Microsoft.App/environments; /27 or larger for workload profiles). */
  appsSubnetPrefix: string;
  /** Subnet holding the private endpoints. */
  endpointsSubnetPrefix: string;
  /**
   * VNets whose machines must reach the private endpoints, e.g. the CI runner that pushes images
   * (peered with this VNet by their owner): every private DNS zone of the stack is linked to them too,
   * since a peered VNet or a VPN does not resolve zones linked only to this VNet. Azure refuses to link
   * one VNet to two zones of the same name, so such a VNet serves one environment.
   */
  runnerVnetIds?: string[];
}

/** The VNet's name: the last segment of its resource ID. */
export const vnetNameOf = (vnetId: string) => vnetId.split('/').pop() as string;

/** Private-link sub-resource and DNS zone of each service this platform uses (Azure private endpoint DNS reference). */
export const PRIVATE_LINK = {
  cosmosGremlin: { subresource: 'Gremlin', zone: 'privatelink.gremlin.cosmos.azure.com' },
  cosmosSql: { subresource: 'Sql', zone: 'privatelink.documents.azure.com' },
  search: { subresource: 'searchService', zone: 'privatelink.search.windows.net' },
  keyVault: { subresource: 'vault', zone: 'privatelink.vaultcore.azure.net' },
  registry: { subresource: 'registry', zone: 'privatelink.azurecr.io' },
  openai: { subresource: 'account', zone: 'privatelink.openai.azure.com' },
} as const;

export type PrivateLinkKind = keyof typeof PRIVATE_LINK;

export class PrivateNetwork extends Construct {
  readonly vnet: VirtualNetwork;
  readonly appsSubnet: Subnet;
  readonly endpointsSubnet: Subnet;
  readonly endpoints: PrivateEndpoint[] = [];
  private readonly zones = new Map<string, PrivateDnsZone>();
  private readonly links = new Map<string, PrivateDnsZoneVirtualNetworkLink>();
  private readonly endpointsByKind = new Map<PrivateLinkKind, PrivateEndpoint[]>();

  constructor(scope: Construct, id: string, private readonly props: PrivateNetworkProps) {
    super(scope, id);
    const where = { resourceGroupName: props.resourceGroupName };
    this.vnet = new VirtualNetwork(this, 'vnet', { name: props.name, location: props.location, ...where, addressSpace: [props.addressSpace] });
    this.appsSubnet = new Subnet(this, 'apps-subnet', {
      name: 'snet-apps',
      ...where,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [props.appsSubnetPrefix],
      delegation: [
        {
          name: 'container-apps',
          serviceDelegation: { name: 'Microsoft.App/environments', actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'] },
        },
      ],
    });
    this.endpointsSubnet = new Subnet(this, 'endpoints-subnet', {
      name: 'snet-private-endpoints',
      ...where,
      virtualNetworkName: this.vnet.name,
      addressPrefixes: [props.endpointsSubnetPrefix],
    });
  }

  /** Adds a private endpoint for `resourceId` and registers it in the service's private DNS zone. */
  connect(key: string, kind: PrivateLinkKind, resourceId: string): PrivateEndpoint {
    const { subresource, zone } = PRIVATE_LINK[kind];
    const endpoint = new PrivateEndpoint(this, `endpoint-${key}`, {
      name: `pe-${this.props.name}-${key}`,
      resourceGroupName: this.props.resourceGroupName,
      location: this.props.location,
      subnetId: this.endpointsSubnet.id,
      privateServiceConnection: {
        name: `psc-${key}`,
        privateConnectionResourceId: resourceId,
        subresourceNames: [subresource],
        isManualConnection: false,
      },
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [this.zone(kind).id] },
    });
    this.endpoints.push(endpoint);
    this.endpointsByKind.set(kind, [...(this.endpointsByKind.get(kind) ?? []), endpoint]);
    return endpoint;
  }

  /**
   * What must exist before anything in the VNet can reach a service of this kind: its private
   * endpoint(s) and the link of its private DNS zone to the VNet (without the link the service's
   * name still resolves to its public address, which refuses the call).
   */
  privatePath(kind: PrivateLinkKind): ITerraformDependable[] {
    const endpoints = this.endpointsByKind.get(kind) ?? [];
    const link = this.links.get(PRIVATE_LINK[kind].zone);
    if (endpoints.length === 0 || !link) throw new Error(`no private endpoint for ${kind}: call connect() first`);
    return [...endpoints, link];
  }

  private zone(kind: PrivateLinkKind): PrivateDnsZone {
    const name = PRIVATE_LINK[kind].zone;
    let zone = this.zones.get(name);
    if (!zone) {
      zone = new PrivateDnsZone(this, `zone-${kind}`, { name, resourceGroupName: this.props.resourceGroupName });
      const link = new PrivateDnsZoneVirtualNetworkLink(this, `zone-link-${kind}`, {
        name: `link-${this.props.name}`,
        resourceGroupName: this.props.resourceGroupName,
        privateDnsZoneName: zone.name,
        virtualNetworkId: this.vnet.id,
        registrationEnabled: false,
      });
      for (const vnetId of this.props.runnerVnetIds ?? []) {
        const vnet = vnetNameOf(vnetId);
        new PrivateDnsZoneVirtualNetworkLink(this, `zone-link-${kind}-runner-${vnet}`, {
          name: `link-runner-${vnet}`,
          resourceGroupName: this.props.resourceGroupName,
          privateDnsZoneName: zone.name,
          virtualNetworkId: vnetId,
          registrationEnabled: false,
        });
      }
      this.zones.set(name, zone);
      this.links.set(name, link);
    }
    return zone;
  }
}

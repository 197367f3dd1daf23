terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "4.55.0"
    }
    azapi = {
      source  = "Azure/azapi"
      version = "2.7.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azapi_resource" "main" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  name = "kv-main"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "tenantId" = data.azurerm_client_config.current.tenant_id
      "sku" = {
        "family" = "A"
        "name" = "standard"
      }
      "enableRbacAuthorization" = true
      "enablePurgeProtection" = true
      "softDeleteRetentionInDays" = 7
      "publicNetworkAccess" = "Disabled"
      "networkAcls" = {
        "bypass" = "AzureServices"
        "defaultAction" = "Deny"
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_private_endpoint" "kv" {
  name = "pe-kv"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  subnet_id = azurerm_subnet.endpoints.id

  private_service_connection {
    name = "kv"
    private_connection_resource_id = azapi_resource.main.id
    subresource_names = ["vault"]
    is_manual_connection = false
  }
}

resource "azurerm_key_vault_secret" "gremlin_key" {
  name = "gremlin-key"
  key_vault_id = azapi_resource.main.id
  value_wo = ephemeral.random_password.app.result
  value_wo_version = 1
}

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

resource "azapi_resource" "modern" {
  type = "Microsoft.KeyVault/vaults@2026-02-01"
  name = "kv-modern"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "tenantId" = data.azurerm_client_config.current.tenant_id
      "sku" = {
        "family" = "A"
        "name" = "standard"
      }
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

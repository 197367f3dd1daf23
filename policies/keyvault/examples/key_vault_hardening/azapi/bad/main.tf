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
  body = jsonencode({
    "properties" = {
      "tenantId" = data.azurerm_client_config.current.tenant_id
      "sku" = {
        "family" = "A"
        "name" = "standard"
      }
      "enableRbacAuthorization" = false
      "softDeleteRetentionInDays" = 7
      "publicNetworkAccess" = "Disabled"
      "networkAcls" = {
        "bypass" = "AzureServices"
        "defaultAction" = "Allow"
      }
    }
  })
  tags = {
    "environment" = "dev"
  }
}

resource "azapi_resource" "legacy" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  name = "kv-legacy"
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

resource "azurerm_key_vault" "main" {
  name = "kv-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tenant_id = data.azurerm_client_config.current.tenant_id
  sku_name = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled = true
  soft_delete_retention_days = 7
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }

  network_acls {
    bypass = "AzureServices"
    default_action = "Deny"
  }
}

resource "azapi_update_resource" "kv_acl" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  resource_id = azurerm_key_vault.main.id
  body = {
    "properties" = {
      "networkAcls" = {
        "bypass" = "AzureServices"
        "defaultAction" = "Allow"
      }
    }
  }
}

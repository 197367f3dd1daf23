terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "4.55.0"
    }
  }
}

provider "azurerm" {
  features {}
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

resource "azurerm_key_vault" "legacy" {
  name = "kv-legacy"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tenant_id = data.azurerm_client_config.current.tenant_id
  sku_name = "standard"
  purge_protection_enabled = true
  soft_delete_retention_days = 7
  public_network_access_enabled = false
  enable_rbac_authorization = true
  tags = {
    "environment" = "dev"
  }

  network_acls {
    bypass = "AzureServices"
    default_action = "Deny"
  }
}

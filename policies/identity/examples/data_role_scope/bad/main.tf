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

resource "azurerm_resource_group" "main" {
  name = "rg-platform"
  location = "swedencentral"
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_user_assigned_identity" "api" {
  name = "id-api"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
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

resource "azurerm_role_assignment" "api_secrets_rg" {
  scope = azurerm_resource_group.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_blobs_sub" {
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_id = "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_openai_mg" {
  scope = "/providers/Microsoft.Management/managementGroups/landing-zones"
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_search_rg" {
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/"
  role_definition_name = "search index data reader"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_kv_officer_sub" {
  scope = "/Subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/B86A8FE4-44CE-4948-AEE5-ECCB2C155CD7"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

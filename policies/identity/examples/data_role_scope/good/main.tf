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

resource "azurerm_search_service" "search" {
  name = "srch-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "basic"
  local_authentication_enabled = false
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_cognitive_account" "openai" {
  name = "oai-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  kind = "OpenAI"
  sku_name = "S0"
  custom_subdomain_name = "oai-platform"
  local_auth_enabled = false
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_cosmosdb_account" "telemetry" {
  name = "cosmos-telemetry"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  offer_type = "Standard"
  kind = "GlobalDocumentDB"
  local_authentication_disabled = true
  public_network_access_enabled = false
  minimal_tls_version = "Tls12"
  tags = {
    "environment" = "dev"
  }

  capabilities {
    name = "EnableServerless"
  }

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location = "swedencentral"
    failover_priority = 0
  }

  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
}

resource "azurerm_storage_account" "data" {
  name = "stplatformdata"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  account_tier = "Standard"
  account_replication_type = "LRS"
  min_tls_version = "TLS1_2"
  public_network_access_enabled = false
}

resource "azurerm_role_assignment" "api_secrets" {
  scope = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_search" {
  scope = azurerm_search_service.search.id
  role_definition_name = "Search Index Data Reader"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_openai" {
  scope = azurerm_cognitive_account.openai.id
  role_definition_name = "Cognitive Services OpenAI User"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_blobs" {
  scope = azurerm_storage_account.data.id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_uploads" {
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-platform/providers/Microsoft.Storage/storageAccounts/stplatformdata/blobServices/default/containers/uploads"
  role_definition_name = "Storage Blob Data Contributor"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_rg_reader" {
  scope = azurerm_resource_group.main.id
  role_definition_name = "Reader"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_role_assignment" "api_kv_metadata" {
  scope = azurerm_resource_group.main.id
  role_definition_name = "Key Vault Reader"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_cosmosdb_sql_role_assignment" "api_telemetry" {
  resource_group_name = azurerm_resource_group.main.name
  account_name = azurerm_cosmosdb_account.telemetry.name
  role_definition_id = "${azurerm_cosmosdb_account.telemetry.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001"
  principal_id = azurerm_user_assigned_identity.api.principal_id
  scope = azurerm_cosmosdb_account.telemetry.id
}

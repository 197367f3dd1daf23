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
    "environment" = "prod"
  }
}

resource "azurerm_cosmosdb_account" "graph" {
  name = "cosmos-graph"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  offer_type = "Standard"
  kind = "GlobalDocumentDB"
  public_network_access_enabled = false
  minimal_tls_version = "Tls12"
  tags = {
    "environment" = "prod"
  }

  capabilities {
    name = "EnableGremlin"
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
    "environment" = "prod"
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
    "environment" = "prod"
  }
}

resource "azurerm_management_lock" "cosmos" {
  name = "lock-cosmos"
  scope = azurerm_cosmosdb_account.graph.id
  lock_level = "CanNotDelete"
  notes = "Stateful resource: delete the lock deliberately first."
}

resource "azurerm_management_lock" "search" {
  name = "lock-search"
  scope = azurerm_search_service.search.id
  lock_level = "CanNotDelete"
  notes = "Stateful resource: delete the lock deliberately first."
}

resource "azurerm_container_registry" "acr" {
  name = "acrplatform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "Basic"
  admin_enabled = false
  public_network_access_enabled = true
  tags = {
    "environment" = "prod"
  }
}

resource "azurerm_management_lock" "group" {
  name = "lock-group"
  scope = azurerm_resource_group.main.id
  lock_level = "CanNotDelete"
  notes = "Stateful resource: delete the lock deliberately first."
}

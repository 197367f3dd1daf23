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

resource "azurerm_cosmosdb_account" "graph" {
  name = "cosmos-graph"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  offer_type = "Standard"
  kind = "GlobalDocumentDB"
  public_network_access_enabled = true
  minimal_tls_version = "Tls12"
  tags = {
    "environment" = "dev"
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

resource "azurerm_search_service" "search" {
  name = "srch-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "basic"
  local_authentication_enabled = false
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_container_registry" "acr" {
  name = "acrplatform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "Basic"
  admin_enabled = false
  public_network_access_enabled = true
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
  tags = {
    "environment" = "dev"
  }

  network_acls {
    bypass = "AzureServices"
    default_action = "Allow"
  }
}

resource "azurerm_cosmosdb_account" "telemetry" {
  name = "cosmos-telemetry"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  offer_type = "Standard"
  kind = "GlobalDocumentDB"
  local_authentication_disabled = true
  public_network_access_enabled = true
  minimal_tls_version = "Tls12"
  ip_range_filter = ["203.0.113.10/32", "0.0.0.0"]
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

resource "azurerm_search_service" "docs" {
  name = "srch-docs"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "basic"
  local_authentication_enabled = false
  public_network_access_enabled = true
  allowed_ips = ["0.0.0.0/0"]
  tags = {
    "environment" = "dev"
  }
}

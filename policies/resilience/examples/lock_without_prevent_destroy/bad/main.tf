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

resource "azurerm_management_lock" "graph" {
  name = "lock-graph"
  scope = azurerm_cosmosdb_account.graph.id
  lock_level = "CanNotDelete"
  notes = "Stateful resource: delete the lock deliberately first."
}

resource "azurerm_management_lock" "rg" {
  name = "lock-rg"
  scope = azurerm_resource_group.main.id
  lock_level = "CanNotDelete"
  notes = "Stateful resource: delete the lock deliberately first."
}

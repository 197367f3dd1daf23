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

resource "azurerm_management_lock" "shared" {
  name = "lock-shared"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared"
  lock_level = "CanNotDelete"
  notes = "Stateful resource: delete the lock deliberately first."
}

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

resource "azapi_resource" "telemetry" {
  type = "Microsoft.DocumentDB/databaseAccounts@2024-11-15"
  name = "cosmos-telemetry"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "kind" = "GlobalDocumentDB"
    "properties" = {
      "databaseAccountOfferType" = "Standard"
      "locations" = [{
        "locationName" = "swedencentral"
        "failoverPriority" = 0
        "isZoneRedundant" = false
      }]
      "consistencyPolicy" = {
        "defaultConsistencyLevel" = "Session"
      }
      "capabilities" = [{
        "name" = "EnableServerless"
      }]
      "backupPolicy" = {
        "type" = "Continuous"
        "continuousModeProperties" = {
          "tier" = "Continuous7Days"
        }
      }
      "disableLocalAuth" = true
      "publicNetworkAccess" = "Disabled"
      "minimalTlsVersion" = "Tls12"
    }
  }
  tags = {
    "environment" = "dev"
  }
}

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
  type = "Microsoft.OperationalInsights/workspaces@2023-09-01"
  name = "log-main"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "sku" = {
        "name" = "PerGB2018"
      }
      "retentionInDays" = 30
      "workspaceCapping" = {
        "dailyQuotaGb" = 1
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

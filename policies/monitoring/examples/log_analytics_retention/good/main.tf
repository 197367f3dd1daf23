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

resource "azurerm_log_analytics_workspace" "main" {
  name = "log-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "PerGB2018"
  retention_in_days = 30
  daily_quota_gb = 1
  tags = {
    "environment" = "dev"
  }
}

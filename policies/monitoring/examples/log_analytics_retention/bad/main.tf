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
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_log_analytics_workspace" "audit" {
  name = "log-audit"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "PerGB2018"
  retention_in_days = 365
  daily_quota_gb = 20
  tags = {
    "environment" = "dev"
  }
}

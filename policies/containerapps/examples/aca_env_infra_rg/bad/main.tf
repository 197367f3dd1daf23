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

resource "azurerm_subnet" "aca" {
  name = "snet-aca"
  resource_group_name = azurerm_resource_group.main.name
  virtual_network_name = "vnet-platform"
  address_prefixes = ["10.0.0.0/23"]
}

resource "azurerm_container_app_environment" "main" {
  name = "cae-main"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  infrastructure_subnet_id = azurerm_subnet.aca.id
  tags = {
    "environment" = "dev"
  }

  workload_profile {
    name = "Consumption"
    workload_profile_type = "Consumption"
  }
}

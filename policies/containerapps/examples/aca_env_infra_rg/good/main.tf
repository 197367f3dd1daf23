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

resource "azurerm_container_app_environment" "named" {
  name = "cae-named"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  infrastructure_subnet_id = azurerm_subnet.aca.id
  infrastructure_resource_group_name = "rg-platform-aca-infra"
  tags = {
    "environment" = "dev"
  }

  workload_profile {
    name = "Consumption"
    workload_profile_type = "Consumption"
  }
}

resource "azurerm_container_app_environment" "dedicated" {
  name = "cae-dedicated"
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

  workload_profile {
    name = "general"
    workload_profile_type = "D4"
    minimum_count = 1
    maximum_count = 2
  }
}

resource "azurerm_container_app_environment" "public" {
  name = "cae-public"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  tags = {
    "environment" = "dev"
  }

  workload_profile {
    name = "Consumption"
    workload_profile_type = "Consumption"
  }
}

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

resource "azurerm_search_service" "search" {
  name = "srch-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "basic"
  local_authentication_enabled = false
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_cognitive_account" "openai" {
  name = "oai-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  kind = "OpenAI"
  sku_name = "S0"
  custom_subdomain_name = "oai-platform"
  local_auth_enabled = false
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_monitor_diagnostic_setting" "search" {
  name = "diag-search"
  target_resource_id = azurerm_search_service.search.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_diagnostic_setting" "openai" {
  name = "diag-openai"
  target_resource_id = azurerm_cognitive_account.openai.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

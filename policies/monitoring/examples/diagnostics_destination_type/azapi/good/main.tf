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

resource "azapi_resource" "search" {
  type = "Microsoft.Search/searchServices@2024-06-01-preview"
  name = "srch-search"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "sku" = {
      "name" = "basic"
    }
    "properties" = {
      "replicaCount" = 1
      "partitionCount" = 1
      "disableLocalAuth" = true
      "publicNetworkAccess" = "disabled"
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azapi_resource" "openai" {
  type = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name = "oai-openai"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "kind" = "OpenAI"
    "sku" = {
      "name" = "S0"
    }
    "properties" = {
      "customSubDomainName" = "oai-openai"
      "disableLocalAuth" = true
      "publicNetworkAccess" = "Disabled"
    }
  }
  tags = {
    "environment" = "dev"
  }
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

resource "azurerm_monitor_diagnostic_setting" "search" {
  name = "diag-search"
  target_resource_id = azapi_resource.search.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_diagnostic_setting" "openai" {
  name = "diag-openai"
  target_resource_id = azapi_resource.openai.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  log_analytics_destination_type = "AzureDiagnostics"

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_diagnostic_setting" "telemetry" {
  name = "diag-telemetry"
  target_resource_id = azapi_resource.telemetry.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

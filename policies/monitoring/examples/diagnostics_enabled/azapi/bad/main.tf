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

resource "azapi_resource" "main" {
  type = "Microsoft.KeyVault/vaults@2023-07-01"
  name = "kv-main"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "tenantId" = data.azurerm_client_config.current.tenant_id
      "sku" = {
        "family" = "A"
        "name" = "standard"
      }
      "enableRbacAuthorization" = true
      "enablePurgeProtection" = true
      "softDeleteRetentionInDays" = 7
      "publicNetworkAccess" = "Disabled"
      "networkAcls" = {
        "bypass" = "AzureServices"
        "defaultAction" = "Deny"
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azapi_resource" "acr" {
  type = "Microsoft.ContainerRegistry/registries@2023-07-01"
  name = "acrplatform"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "sku" = {
      "name" = "Basic"
    }
    "properties" = {
      "adminUserEnabled" = false
      "anonymousPullEnabled" = false
      "publicNetworkAccess" = "Disabled"
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

resource "azurerm_monitor_diagnostic_setting" "cosmos" {
  name = "diag-cosmos"
  target_resource_id = azapi_resource.telemetry.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_monitor_diagnostic_setting" "search" {
  name = "diag-search"
  target_resource_id = azapi_resource.search.id
  storage_account_id = azurerm_storage_account.logs.id

  enabled_log {
    category_group = "allLogs"
  }

  enabled_metric {
    category = "AllMetrics"
  }
}

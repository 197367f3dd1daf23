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
      "publicNetworkAccess" = "Enabled"
      "minimalTlsVersion" = "Tls12"
      "ipRules" = [{
        "ipAddressOrRange" = "203.0.113.10"
      }]
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
      "publicNetworkAccess" = "enabled"
      "networkRuleSet" = {
        "ipRules" = [{
          "value" = "203.0.113.10"
        }]
      }
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
      "publicNetworkAccess" = "Enabled"
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
      "publicNetworkAccess" = "Enabled"
      "networkAcls" = {
        "defaultAction" = "Deny"
        "ipRules" = [{
          "value" = "203.0.113.10"
        }]
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

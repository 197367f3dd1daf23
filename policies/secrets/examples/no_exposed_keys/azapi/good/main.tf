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

resource "azapi_resource" "api" {
  type = "Microsoft.App/containerApps@2024-03-01"
  name = "ca-api"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "environmentId" = azapi_resource.env.id
      "configuration" = {
        "activeRevisionsMode" = "Single"
        "ingress" = {
          "external" = true
          "targetPort" = 8000
          "allowInsecure" = false
          "traffic" = [{
            "latestRevision" = true
            "weight" = 100
          }]
          "corsPolicy" = {
            "allowedOrigins" = ["https://ops.example.com"]
            "allowedMethods" = ["GET", "POST"]
            "allowedHeaders" = ["Authorization", "Content-Type"]
          }
        }
        "registries" = [{
          "server" = "acrplatform.azurecr.io"
          "identity" = azurerm_user_assigned_identity.app.id
        }]
      }
      "template" = {
        "scale" = {
          "minReplicas" = 0
          "maxReplicas" = 3
        }
        "containers" = [{
          "name" = "api"
          "image" = "acrplatform.azurecr.io/api:1.4.2"
          "resources" = {
            "cpu" = 0.25
            "memory" = "0.5Gi"
          }
          "env" = [{
            "name" = "COSMOS_ENDPOINT"
            "value" = azurerm_cosmosdb_account.graph.endpoint
          }, {
            "name" = "COSMOS_KEY"
            "secretRef" = "cosmos-key"
          }]
          "probes" = [{
            "type" = "Liveness"
            "httpGet" = {
              "path" = "/health/live"
              "port" = 8000
            }
          }, {
            "type" = "Readiness"
            "httpGet" = {
              "path" = "/health/ready"
              "port" = 8000
            }
          }]
        }]
      }
    }
  }
  sensitive_body = {
    "properties" = {
      "configuration" = {
        "secrets" = [{
          "name" = "cosmos-key"
          "value" = azurerm_cosmosdb_account.graph.primary_key
        }]
      }
    }
  }
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.app.id]
  }
}

resource "azapi_resource" "env" {
  type = "Microsoft.App/managedEnvironments@2024-03-01"
  name = "cae-platform"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "appLogsConfiguration" = {
        "destination" = "log-analytics"
        "logAnalyticsConfiguration" = {
          "customerId" = azurerm_log_analytics_workspace.main.workspace_id
          "sharedKey" = azurerm_log_analytics_workspace.main.primary_shared_key
        }
      }
      "workloadProfiles" = [{
        "name" = "Consumption"
        "workloadProfileType" = "Consumption"
      }]
      "daprAIConnectionString" = azurerm_application_insights.main.connection_string
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azapi_resource" "files" {
  type = "Microsoft.App/managedEnvironments/storages@2024-03-01"
  name = "files"
  parent_id = azapi_resource.env.id
  body = {
    "properties" = {
      "azureFile" = {
        "accountName" = "stplatform"
        "accountKey" = azurerm_storage_account.files.primary_access_key
        "shareName" = "data"
        "accessMode" = "ReadOnly"
      }
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

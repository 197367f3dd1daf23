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

resource "azurerm_user_assigned_identity" "api" {
  name = "id-api"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_user_assigned_identity" "nightly" {
  name = "id-nightly"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "environment" = "dev"
  }
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
          "identity" = azurerm_user_assigned_identity.api.id
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
            "name" = "LOG_LEVEL"
            "value" = "INFO"
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
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.api.id]
  }
}

resource "azapi_resource" "nightly" {
  type = "Microsoft.App/jobs@2024-03-01"
  name = "caj-nightly"
  parent_id = azurerm_resource_group.main.id
  location = "swedencentral"
  body = {
    "properties" = {
      "environmentId" = azapi_resource.env.id
      "configuration" = {
        "triggerType" = "Manual"
        "replicaTimeout" = 1800
        "manualTriggerConfig" = {
          "parallelism" = 1
          "replicaCompletionCount" = 1
        }
        "registries" = [{
          "server" = "acrplatform.azurecr.io"
          "identity" = azurerm_user_assigned_identity.nightly.id
        }]
      }
      "template" = {
        "containers" = [{
          "name" = "nightly"
          "image" = "acrplatform.azurecr.io/api:1.4.2"
          "resources" = {
            "cpu" = 0.25
            "memory" = "0.5Gi"
          }
          "env" = [{
            "name" = "LOG_LEVEL"
            "value" = "INFO"
          }]
        }]
      }
    }
  }
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.nightly.id]
  }
}

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

resource "azurerm_resource_group" "main" {
  name = "rg-platform"
  location = "swedencentral"
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

resource "random_password" "api_token" {
  length = 32
  special = false
}

resource "azurerm_key_vault_secret" "api_token" {
  name = "api-token"
  key_vault_id = azapi_resource.main.id
  value = random_password.api_token.result
}

resource "azapi_resource" "gremlin_key" {
  type = "Microsoft.KeyVault/vaults/secrets@2023-07-01"
  name = "gremlin-key"
  parent_id = azapi_resource.main.id
  body = {
    "properties" = {
      "contentType" = "Cosmos DB Gremlin account key"
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_user_assigned_identity" "web" {
  name = "id-web"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_role_assignment" "web_secrets" {
  scope = azapi_resource.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id = azurerm_user_assigned_identity.web.principal_id
  principal_type = "ServicePrincipal"
}

resource "azapi_resource" "web" {
  type = "Microsoft.App/containerApps@2024-03-01"
  name = "ca-web"
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
          "identity" = azurerm_user_assigned_identity.web.id
        }]
        "secrets" = [{
          "name" = "api-token"
          "keyVaultUrl" = azurerm_key_vault_secret.api_token.versionless_id
          "identity" = azurerm_user_assigned_identity.web.id
        }]
      }
      "template" = {
        "scale" = {
          "minReplicas" = 0
          "maxReplicas" = 3
        }
        "containers" = [{
          "name" = "web"
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
    identity_ids = [azurerm_user_assigned_identity.web.id]
  }
}

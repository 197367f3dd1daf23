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

resource "azurerm_cosmosdb_account" "graph" {
  name = "cosmos-graph"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  offer_type = "Standard"
  kind = "GlobalDocumentDB"
  public_network_access_enabled = false
  minimal_tls_version = "Tls12"
  tags = {
    "environment" = "dev"
  }

  capabilities {
    name = "EnableGremlin"
  }

  capabilities {
    name = "EnableServerless"
  }

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location = "swedencentral"
    failover_priority = 0
  }

  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
}

resource "azurerm_cosmosdb_account" "telemetry" {
  name = "cosmos-telemetry"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  offer_type = "Standard"
  kind = "GlobalDocumentDB"
  local_authentication_disabled = true
  public_network_access_enabled = false
  minimal_tls_version = "Tls12"
  tags = {
    "environment" = "dev"
  }

  capabilities {
    name = "EnableServerless"
  }

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location = "swedencentral"
    failover_priority = 0
  }

  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
}

resource "azurerm_key_vault_secret" "cosmos_key" {
  name = "cosmos-key"
  key_vault_id = azurerm_key_vault.main.id
  value = azurerm_cosmosdb_account.graph.primary_key
}

resource "azurerm_container_app" "api" {
  name = "ca-api"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.app.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.app.id
  }

  ingress {
    external_enabled = true
    target_port = 8000
    allow_insecure_connections = false

    traffic_weight {
      latest_revision = true
      percentage = 100
    }

    cors {
      allowed_origins = ["https://ops.example.com"]
      allowed_methods = ["GET", "POST"]
      allowed_headers = ["Authorization", "Content-Type"]
    }
  }

  template {
    min_replicas = 0
    max_replicas = 3

    container {
      name = "api"
      image = "acrplatform.azurecr.io/api:1.4.2"
      cpu = 0.25
      memory = "0.5Gi"

      env {
        name = "COSMOS_ENDPOINT"
        value = azurerm_cosmosdb_account.graph.endpoint
      }

      env {
        name = "COSMOS_KEY"
        secret_name = "cosmos-key"
      }

      liveness_probe {
        transport = "HTTP"
        port = 8000
        path = "/health/live"
      }

      readiness_probe {
        transport = "HTTP"
        port = 8000
        path = "/health/ready"
      }
    }
  }

  secret {
    name = "cosmos-key"
    key_vault_secret_id = azurerm_key_vault_secret.cosmos_key.versionless_id
    identity = azurerm_user_assigned_identity.app.id
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

resource "random_password" "pg" {
  length = 32
  special = true
}

resource "azurerm_postgresql_flexible_server" "pg" {
  name = "psql-platform"
  resource_group_name = "rg-platform"
  location = "swedencentral"
  sku_name = "B_Standard_B1ms"
  administrator_login = "pgadmin"
  administrator_password = random_password.pg.result
}

output "cosmos_endpoint" {
  value = azurerm_cosmosdb_account.graph.endpoint
}

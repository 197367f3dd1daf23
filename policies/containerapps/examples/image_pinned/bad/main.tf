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
      image = "acrplatform.azurecr.io/api:latest"
      cpu = 0.25
      memory = "0.5Gi"

      env {
        name = "LOG_LEVEL"
        value = "INFO"
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
}

resource "azurerm_container_app" "worker" {
  name = "ca-worker"
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
      name = "worker"
      image = "python"
      cpu = 0.25
      memory = "0.5Gi"

      env {
        name = "LOG_LEVEL"
        value = "INFO"
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
}

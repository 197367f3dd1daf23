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

resource "azurerm_container_registry" "acr" {
  name = "acrplatform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  sku = "Basic"
  admin_enabled = false
  public_network_access_enabled = true
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_user_assigned_identity" "shared" {
  name = "id-shared"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_role_assignment" "shared_acr_pull" {
  scope = azurerm_container_registry.acr.id
  role_definition_name = "AcrPull"
  principal_id = azurerm_user_assigned_identity.shared.principal_id
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
    identity_ids = [azurerm_user_assigned_identity.shared.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.shared.id
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
    identity_ids = [azurerm_user_assigned_identity.shared.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.shared.id
  }

  ingress {
    external_enabled = false
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
      image = "acrplatform.azurecr.io/api:1.4.2"
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

resource "azurerm_container_app_job" "nightly" {
  name = "caj-nightly"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  replica_timeout_in_seconds = 1800

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.shared.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.shared.id
  }

  schedule_trigger_config {
    cron_expression = "0 3 * * *"
  }

  template {

    container {
      name = "nightly"
      image = "acrplatform.azurecr.io/api:1.4.2"
      cpu = 0.25
      memory = "0.5Gi"

      env {
        name = "LOG_LEVEL"
        value = "INFO"
      }
    }
  }
}

resource "azurerm_container_app" "legacy_a" {
  name = "ca-legacy_a"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-legacy"]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-legacy"
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
      name = "legacy_a"
      image = "acrplatform.azurecr.io/api:1.4.2"
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

resource "azurerm_container_app" "legacy_b" {
  name = "ca-legacy_b"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-legacy"]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shared/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-legacy"
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
      name = "legacy_b"
      image = "acrplatform.azurecr.io/api:1.4.2"
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

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

resource "azurerm_resource_group" "main" {
  name = "rg-platform"
  location = "swedencentral"
  tags = {
    "environment" = "dev"
  }
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

resource "azurerm_key_vault" "main" {
  name = "kv-platform"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tenant_id = data.azurerm_client_config.current.tenant_id
  sku_name = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled = true
  soft_delete_retention_days = 7
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }

  network_acls {
    bypass = "AzureServices"
    default_action = "Deny"
  }
}

resource "random_password" "api_token" {
  length = 32
  special = false
}

resource "azurerm_key_vault_secret" "gremlin_key" {
  name = "gremlin-key"
  key_vault_id = azurerm_key_vault.main.id
  value = azurerm_cosmosdb_account.graph.primary_key
}

resource "azurerm_key_vault_secret" "api_token" {
  name = "api-token"
  key_vault_id = azurerm_key_vault.main.id
  value = random_password.api_token.result
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
  scope = azurerm_key_vault.main.id
  role_definition_name = "Key Vault Secrets User"
  principal_id = azurerm_user_assigned_identity.web.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_container_app" "web" {
  name = "ca-web"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.web.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.web.id
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
      name = "web"
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

  secret {
    name = "api-token"
    key_vault_secret_id = azurerm_key_vault_secret.api_token.versionless_id
    identity = azurerm_user_assigned_identity.web.id
  }
}

resource "azurerm_container_app" "admin" {
  name = "ca-admin"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "SystemAssigned"
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
      name = "admin"
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

resource "azurerm_role_assignment" "admin_gremlin" {
  scope = azurerm_key_vault_secret.gremlin_key.resource_versionless_id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
  principal_id = azurerm_container_app.admin.identity[0].principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_user_assigned_identity" "ops" {
  name = "id-ops"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_role_assignment" "ops_rg" {
  scope = azurerm_resource_group.main.id
  role_definition_name = "Key Vault Administrator"
  principal_id = azurerm_user_assigned_identity.ops.principal_id
  principal_type = "ServicePrincipal"
}

resource "azurerm_container_app" "ops" {
  name = "ca-ops"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.ops.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.ops.id
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
      name = "ops"
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

resource "azurerm_user_assigned_identity" "partner" {
  name = "id-partner"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tags = {
    "environment" = "dev"
  }
}

resource "azurerm_key_vault" "partner" {
  name = "kv-partner"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tenant_id = data.azurerm_client_config.current.tenant_id
  sku_name = "standard"
  rbac_authorization_enabled = false
  purge_protection_enabled = true
  soft_delete_retention_days = 7
  public_network_access_enabled = false
  tags = {
    "environment" = "dev"
  }

  network_acls {
    bypass = "AzureServices"
    default_action = "Deny"
  }
}

resource "azurerm_key_vault_secret" "partner_cert" {
  name = "partner-cert"
  key_vault_id = azurerm_key_vault.partner.id
  value = random_password.api_token.result
}

resource "azurerm_key_vault_access_policy" "partner" {
  key_vault_id = azurerm_key_vault.partner.id
  tenant_id = azurerm_user_assigned_identity.partner.tenant_id
  object_id = azurerm_user_assigned_identity.partner.principal_id
  secret_permissions = ["Get", "List"]
}

resource "azurerm_container_app" "partner" {
  name = "ca-partner"
  resource_group_name = azurerm_resource_group.main.name
  container_app_environment_id = azurerm_container_app_environment.main.id
  revision_mode = "Single"
  tags = {
    "environment" = "dev"
  }

  identity {
    type = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.partner.id]
  }

  registry {
    server = "acrplatform.azurecr.io"
    identity = azurerm_user_assigned_identity.partner.id
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
      name = "partner"
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

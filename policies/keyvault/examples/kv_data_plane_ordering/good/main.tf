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

resource "azurerm_private_endpoint" "kv" {
  name = "pe-kv"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  subnet_id = azurerm_subnet.endpoints.id

  private_service_connection {
    name = "kv"
    private_connection_resource_id = azurerm_key_vault.main.id
    subresource_names = ["vault"]
    is_manual_connection = false
  }

  private_dns_zone_group {
    name = "vault"
    private_dns_zone_ids = [azurerm_private_dns_zone.vault.id]
  }
}

resource "azurerm_key_vault_secret" "direct" {
  name = "direct"
  key_vault_id = azurerm_key_vault.main.id
  value_wo = ephemeral.random_password.app.result
  value_wo_version = 1

  depends_on = [azurerm_private_endpoint.kv]
}

resource "time_sleep" "kv_ready" {
  create_duration = "60s"

  depends_on = [azurerm_private_endpoint.kv]
}

resource "azurerm_key_vault_key" "chained" {
  name = "chained"
  key_vault_id = azurerm_key_vault.main.id
  key_type = "RSA"
  key_size = 2048
  key_opts = ["sign", "verify"]

  depends_on = [time_sleep.kv_ready]
}

resource "azurerm_key_vault_secret" "by_reference" {
  name = "by-reference"
  key_vault_id = azurerm_key_vault.main.id
  value_wo = ephemeral.random_password.app.result
  value_wo_version = 1
  content_type = azurerm_private_endpoint.kv.private_service_connection[0].private_ip_address
}

resource "azurerm_key_vault" "open" {
  name = "kv-open"
  location = "swedencentral"
  resource_group_name = azurerm_resource_group.main.name
  tenant_id = data.azurerm_client_config.current.tenant_id
  sku_name = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled = true
  soft_delete_retention_days = 7
  public_network_access_enabled = true
  tags = {
    "environment" = "dev"
  }

  network_acls {
    bypass = "AzureServices"
    default_action = "Deny"
  }
}

resource "azurerm_key_vault_secret" "on_open_vault" {
  name = "on-open-vault"
  key_vault_id = azurerm_key_vault.open.id
  value_wo = ephemeral.random_password.app.result
  value_wo_version = 1
}

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

resource "azurerm_cognitive_deployment" "gpt-4.1-mini" {
  name = "gpt-4.1-mini"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format = "OpenAI"
    name = "gpt-4.1-mini"
    version = "2025-04-14"
  }

  sku {
    name = "GlobalStandard"
    capacity = 10
  }
}

resource "azurerm_cognitive_deployment" "gpt-4o" {
  name = "gpt-4o"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format = "OpenAI"
    name = "gpt-4o"
    version = "2024-08-06"
  }

  sku {
    name = "Standard"
    capacity = 10
  }
}

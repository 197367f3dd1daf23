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

resource "azurerm_cognitive_deployment" "gpt-5.1" {
  name = "gpt-5.1"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format = "OpenAI"
    name = "gpt-5.1"
    version = "2025-11-13"
  }

  sku {
    name = "GlobalStandard"
    capacity = 10
  }
}

resource "azurerm_cognitive_deployment" "gpt-5-mini" {
  name = "gpt-5-mini"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format = "OpenAI"
    name = "gpt-5-mini"
    version = "2025-08-07"
  }

  sku {
    name = "GlobalStandard"
    capacity = 10
  }
}

resource "azurerm_cognitive_deployment" "in-house" {
  name = "in-house"
  cognitive_account_id = azurerm_cognitive_account.openai.id

  model {
    format = "OpenAI"
    name = "contoso-tuned"
    version = "7"
  }

  sku {
    name = "GlobalStandard"
    capacity = 10
  }
}

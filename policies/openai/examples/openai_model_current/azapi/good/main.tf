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

resource "azapi_resource" "gpt51" {
  type = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name = "gpt-5.1"
  parent_id = azapi_resource.openai.id
  body = {
    "sku" = {
      "name" = "GlobalStandard"
      "capacity" = 10
    }
    "properties" = {
      "model" = {
        "format" = "OpenAI"
        "name" = "gpt-5.1"
        "version" = "2025-11-13"
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

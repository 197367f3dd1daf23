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

resource "azapi_resource" "gpt41mini" {
  type = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name = "gpt-4.1-mini"
  parent_id = azapi_resource.openai.id
  body = {
    "sku" = {
      "name" = "GlobalStandard"
      "capacity" = 10
    }
    "properties" = {
      "model" = {
        "format" = "OpenAI"
        "name" = "gpt-4.1-mini"
        "version" = "2025-04-14"
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azapi_resource" "gpt4o" {
  type = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"
  name = "gpt-4o"
  parent_id = azapi_resource.openai.id
  body = {
    "sku" = {
      "name" = "Standard"
      "capacity" = 10
    }
    "properties" = {
      "model" = {
        "format" = "OpenAI"
        "name" = "gpt-4o"
        "version" = "2024-08-06"
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

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

resource "azapi_resource" "monthly" {
  type = "Microsoft.Consumption/budgets@2023-11-01"
  name = "budget-monthly"
  parent_id = azurerm_resource_group.main.id
  body = {
    "properties" = {
      "category" = "Cost"
      "amount" = 100
      "timeGrain" = "Monthly"
      "timePeriod" = {
        "startDate" = "2026-12-01T00:00:00Z"
      }
      "notifications" = {
        "actual80" = {
          "enabled" = true
          "operator" = "GreaterThan"
          "threshold" = 80
          "thresholdType" = "Actual"
          "contactEmails" = ["finops@example.com"]
        }
        "forecast100" = {
          "enabled" = true
          "operator" = "GreaterThan"
          "threshold" = 100
          "thresholdType" = "Forecasted"
          "contactEmails" = ["finops@example.com"]
        }
      }
    }
  }
  tags = {
    "environment" = "dev"
  }
}

resource "azapi_resource" "kept" {
  type = "Microsoft.Consumption/budgets@2023-11-01"
  name = "budget-kept"
  parent_id = azurerm_resource_group.main.id
  body = {
    "properties" = {
      "category" = "Cost"
      "amount" = 200
      "timeGrain" = "Monthly"
      "timePeriod" = {
        "startDate" = "2026-01-01T00:00:00Z"
      }
      "notifications" = {
        "actual80" = {
          "enabled" = true
          "operator" = "GreaterThan"
          "threshold" = 80
          "thresholdType" = "Actual"
          "contactEmails" = ["finops@example.com"]
        }
        "forecast100" = {
          "enabled" = true
          "operator" = "GreaterThan"
          "threshold" = 100
          "thresholdType" = "Forecasted"
          "contactEmails" = ["finops@example.com"]
        }
      }
    }
  }
  tags = {
    "environment" = "dev"
  }

  lifecycle {
    ignore_changes = [body.properties.timePeriod.startDate]
  }
}

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

resource "azurerm_consumption_budget_resource_group" "monthly" {
  name = "budget-platform"
  resource_group_id = azurerm_resource_group.main.id
  amount = 100
  time_grain = "Monthly"

  time_period {
    start_date = "2026-11-01T00:00:00Z"
  }

  notification {
    enabled = true
    operator = "GreaterThan"
    threshold = 80
    threshold_type = "Actual"
    contact_emails = ["platform-team@example.com"]
  }

  notification {
    enabled = true
    operator = "GreaterThan"
    threshold = 100
    threshold_type = "Forecasted"
    contact_emails = ["platform-team@example.com"]
  }
}

resource "azurerm_consumption_budget_subscription" "replaced" {
  name = "budget-subscription"
  subscription_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  amount = 500

  time_period {
    start_date = "2026-01-01T00:00:00Z"
  }

  notification {
    enabled = true
    operator = "GreaterThan"
    threshold = 80
    threshold_type = "Actual"
    contact_emails = ["platform-team@example.com"]
  }

  notification {
    enabled = true
    operator = "GreaterThan"
    threshold = 100
    threshold_type = "Forecasted"
    contact_emails = ["platform-team@example.com"]
  }
}

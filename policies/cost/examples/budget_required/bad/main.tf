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
    enabled = false
    operator = "GreaterThan"
    threshold = 100
    threshold_type = "Forecasted"
    contact_emails = ["platform-team@example.com"]
  }
}

resource "azurerm_consumption_budget_subscription" "empty" {
  name = "budget-empty"
  subscription_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  amount = 0

  time_period {
    start_date = "2026-01-01T00:00:00Z"
  }

  notification {
    enabled = true
    operator = "GreaterThan"
    threshold = 80
    threshold_type = "Actual"
    contact_emails = []
  }
}

resource "azurerm_consumption_budget_management_group" "landing_zones" {
  name = "budget-landing-zones"
  management_group_id = "/providers/Microsoft.Management/managementGroups/landing-zones"
  amount = 1000

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
    contact_emails = []
  }
}

/**
 * Monthly consumption budget on the environment's resource group with actual and forecasted
 * notifications to named owners, by e-mail and through an action group (audit 000 §1: no budget
 * alerts). The start date comes from config so synth output is deterministic.
 */
import { Construct } from 'constructs';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';

export interface BudgetProps {
  name: string;
  resourceGroupName: string;
  resourceGroupId: string;
  /** Action group short name (max 12 characters). */
  shortName: string;
  /** Monthly amount in the billing currency. */
  amount: number;
  /** RFC3339, day 1 of a month: used only when the budget is created (see `ignoreChanges` below). */
  startDate: string;
  /** Budget owners; at least one. */
  contactEmails: string[];
  /** Percentages of actual spend that notify (default 50, 80, 100). */
  actualThresholds?: number[];
  /** Percentages of forecasted spend that notify (default 100). */
  forecastThresholds?: number[];
}

export class Budget extends Construct {
  readonly actionGroup: MonitorActionGroup;
  readonly budget: ConsumptionBudgetResourceGroup;

  constructor(scope: Construct, id: string, props: BudgetProps) {
    super(scope, id);
    if (props.contactEmails.length === 0) throw new Error(`${id}: a budget needs at least one owner e-mail`);
    this.actionGroup = new MonitorActionGroup(this, 'owners', {
      name: `${props.name}-owners`,
      resourceGroupName: props.resourceGroupName,
      shortName: props.shortName.slice(0, 12),
      emailReceiver: props.contactEmails.map((emailAddress, i) => ({
        name: `owner-${i + 1}`,
        emailAddress,
        useCommonAlertSchema: true,
      })),
    });
    const notify = (thresholdType: 'Actual' | 'Forecasted', threshold: number) => ({
      enabled: true,
      thresholdType,
      threshold,
      operator: 'GreaterThanOrEqualTo',
      contactEmails: props.contactEmails,
      contactGroups: [this.actionGroup.id],
    });
    this.budget = new ConsumptionBudgetResourceGroup(this, 'budget', {
      name: props.name,
      resourceGroupId: props.resourceGroupId,
      amount: props.amount,
      timeGrain: 'Monthly',
      timePeriod: { startDate: props.startDate },
      // start_date is ForceNew (time_period in internal/services/consumption/consumption_budget_base.go,
      // v4.55.0) and Azure refuses to create a monthly budget that starts before the current month. The config's date is used when the budget
      // is created; afterwards it is ignored, so a budget keeps its start (and its history) while a new
      // environment or a rebuild takes the date the deployer sets then, never one computed at synth.
      lifecycle: { ignoreChanges: ['time_period[0].start_date'] },
      notification: [
        ...(props.actualThresholds ?? [50, 80, 100]).map((t) => notify('Actual', t)),
        ...(props.forecastThresholds ?? [100]).map((t) => notify('Forecasted', t)),
      ],
    });
  }
}

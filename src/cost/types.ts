/**
 * Shapes produced by the cost estimator. The JSON output of `apg cost --format json` is exactly a
 * CostEstimate (numbers rounded to cents at the output boundary); the README documents it.
 */

export interface CostLine {
  description: string;
  /** Billable quantity per month, after free grants. */
  quantity: number;
  unit: string;
  /** USD per `unit`. */
  unitPrice: number;
  monthly: number;
  /** Key of the price in the price book (its `source` says where the figure comes from). */
  priceId: string;
  /** Where the unit price comes from: the price book entry's source URL, retrieval date and whether it is third-party. */
  source: { url: string; retrieved: string; thirdParty: boolean };
}

export interface ResourceCost {
  address: string;
  type: string;
  monthly: number;
  /** false when the resource could not be priced (see `unpriced` for the reason). */
  priced: boolean;
  lines: CostLine[];
  /** Why a priced resource costs nothing (free service, scales to zero, pay per use with no usage). */
  note?: string;
}

export interface UnpricedResource {
  address: string;
  type: string;
  reason: string;
}

export interface CostEstimate {
  currency: 'USD';
  /** Stack name or source of the input the estimate was made from. */
  source: string;
  /** Monthly total with the usage file applied (the idle baseline without one). */
  totalMonthly: number;
  /** Monthly total with zero traffic (no usage file). */
  idleMonthly: number;
  resources: ResourceCost[];
  unpriced: UnpricedResource[];
  /** Price book identity, so that every figure can be traced to its sources. */
  priceBook: { region: string; effectiveDate: string; schemaVersion: number };
  /** Things the reader should know: usage entries matching no resource, prices from another region. */
  warnings: string[];
  /** Usage-file entries (by pattern) that matched no resource of this input. */
  unusedUsageEntries: string[];
}

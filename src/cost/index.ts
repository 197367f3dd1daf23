/** Public API of the cost estimator (the checker and the CLI use these). */
export { estimate, type EstimateOptions } from './estimate';
export { costSummary, budgetMonthlyAmount } from './summary';
export { diffEstimates, type CostDiff, type ResourceDelta } from './diff';
export { parseUsageFile, loadUsageFile, UsageFileError, USAGE_KEYS, type UsageFile } from './usage';
export { defaultPriceBook, loadPriceBook, parsePriceBook, PriceBookError, type PriceBook } from './pricebook';
export type { CostEstimate, CostLine, ResourceCost, UnpricedResource } from './types';

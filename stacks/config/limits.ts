/**
 * Hard limits the configuration may not exceed, per environment tier. They live in code (not in
 * the config files) so that an environment cannot raise its own ceiling: the audited system ran
 * GPT-4.1 at 300K TPM for a demo (audit 000 §1).
 */

export const TIERS = ['development', 'production'] as const;
export type Tier = (typeof TIERS)[number];

/** Maximum Azure OpenAI deployment capacity, in thousands of tokens per minute (`sku.capacity`). */
export const OPENAI_CAPACITY_CAP_K: Record<Tier, number> = { development: 20, production: 100 };

/** Upper bound on replicas of any container app, so a traffic spike cannot scale cost without limit. */
export const MAX_REPLICAS_CAP: Record<Tier, number> = { development: 3, production: 10 };

/** Log Analytics daily ingestion cap ceiling (GB/day); -1 (unlimited, the provider default) is never allowed. */
export const DAILY_QUOTA_GB_CAP: Record<Tier, number> = { development: 5, production: 50 };

/** Minimum Key Vault soft-delete retention in production (the provider allows 7-90 days). */
export const PROD_MIN_SOFT_DELETE_DAYS = 30;

/** Log levels a production environment may run at (never DEBUG: audit 000 §6.7). */
export const PROD_LOG_LEVELS = ['INFO', 'WARNING', 'ERROR'] as const;

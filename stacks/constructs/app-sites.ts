/**
 * Where each app is reached, and what that means for the apps that call it. Computed from the
 * configuration and the environment's default domain only (never read back from another app), so
 * two apps that call each other do not form a dependency cycle in Terraform.
 *
 * Container Apps FQDNs (learn.microsoft.com, "Connect applications in Azure Container Apps" and
 * "Ingress in Azure Container Apps"): external `<app>.<default domain>`, internal
 * `<app>.internal.<default domain>`, where the environment's `default_domain` is
 * `<unique id>.<region>.azurecontainerapps.io`.
 */
import type { ContainerAppConfig } from '../config/schema';

export interface AppSite {
  /** https URL other apps call (undefined: no ingress). */
  url?: string;
  /** Browser origin of an external app: its custom domain when configured, else its FQDN. */
  origin?: string;
}

export function appSites(apps: Record<string, ContainerAppConfig>, azureName: (app: string) => string, defaultDomain: string): Record<string, AppSite> {
  const sites: Record<string, AppSite> = {};
  for (const [key, app] of Object.entries(apps)) {
    const name = azureName(key);
    if (app.ingress === 'external') {
      const origin = app.customDomain ? `https://${app.customDomain}` : `https://${name}.${defaultDomain}`;
      sites[key] = { url: origin, origin };
    } else if (app.ingress === 'internal') {
      sites[key] = { url: `https://${name}.internal.${defaultDomain}` };
    } else {
      sites[key] = {};
    }
  }
  return sites;
}

export interface CallerWiring {
  /** Env name → URL of each app this one calls (from the callee's `callers` entry). */
  calleeUrls: Record<string, string>;
  /** The configured origins, then the origins of the browser-facing apps that call this one. */
  corsOrigins: string[];
}

/** The URLs `key` receives as a caller and the CORS origins it allows as a callee. */
export function callerWiring(key: string, apps: Record<string, ContainerAppConfig>, sites: Record<string, AppSite>, configuredOrigins: string[]): CallerWiring {
  const calleeUrls: Record<string, string> = {};
  for (const [callee, app] of Object.entries(apps))
    for (const caller of app.callers ?? []) if (caller.app === key && sites[callee].url) calleeUrls[caller.urlEnv] = sites[callee].url!;
  const browserOrigins = (apps[key].callers ?? []).filter((c) => c.from === 'browser').map((c) => sites[c.app].origin).filter((o): o is string => !!o);
  return { calleeUrls, corsOrigins: [...new Set([...configuredOrigins, ...browserOrigins])] };
}

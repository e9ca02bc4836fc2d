/**
 * Which application a standalone instance serves, read from its tags. Two
 * instances with the same key are replicas of one workload.
 */

/** Tag keys that name the application, most specific first (compared without case). */
export const APP_TAG_KEYS = ['app.kubernetes.io/name', 'app', 'application', 'service', 'app-name', 'appname'] as const;

/** The application key of an instance and the name a workload built from it gets. */
export interface AppKey {
  /** Compared to group instances; includes the source so an `app` tag never merges with a Name. */
  key: string;
  name: string;
}

// Trailing counters people put in Name tags: web-01, web_2, web.3, web 4, web5.
const NUMERIC_SUFFIX = /[-_. ]?\d+$/;

/**
 * The application key from tags: an app/application/service tag, else the
 * CloudFormation stack and logical id, else the Name tag without its numeric
 * suffix. Undefined when none applies; the instance then stands alone.
 */
export function appKeyOf(tags: Record<string, string>): AppKey | undefined {
  // The most specific app tag with a value; of two tags equal without case, the later one.
  // One pass with no map: this runs for every standalone instance.
  let app: string | undefined;
  let rank: number = APP_TAG_KEYS.length;
  // for-in rather than Object.keys: no key list per instance, and the same order on a plain map.
  for (const key in tags) {
    const at = (APP_TAG_KEYS as readonly string[]).indexOf(key.toLowerCase());
    if (at < 0 || at > rank) continue;
    const value = tags[key]!.trim();
    if (!value) continue;
    app = value;
    rank = at;
  }
  if (app) return { key: `tag:${app.toLowerCase()}`, name: app };
  const stack = tags['aws:cloudformation:stack-name'];
  const logicalId = tags['aws:cloudformation:logical-id'];
  if (stack && logicalId) return { key: `cfn:${stack}/${logicalId}`, name: `${stack}-${logicalId}` };
  const name = tags.Name?.trim();
  if (name) {
    const base = name.replace(NUMERIC_SUFFIX, '').trim();
    if (base) return { key: `name:${base.toLowerCase()}`, name: base };
  }
  return undefined;
}

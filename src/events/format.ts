import type { KubeliftEvent } from './types.js';

/** One human-readable line for an event. */
export function formatEvent(event: KubeliftEvent): string {
  switch (event.code) {
    case 'collect.started':
      return `scanning ${event.accounts} account(s) × ${event.regions} region(s) × ${event.services} service(s)`;
    case 'collect.identity':
      return `credentials: ${event.arn}`;
    case 'collect.service-started':
      return `${event.accountId} ${event.region} ${event.service}: started`;
    case 'collect.progress':
      return `${event.accountId} ${event.region} ${event.service}: ${event.count} ${event.resourceType}`;
    case 'collect.service-done':
      return `${event.accountId} ${event.region} ${event.service}: ${event.count} resources in ${event.calls} calls`;
    case 'collect.coverage-error':
      return `${event.accountId} ${event.region} ${event.service}: not collected: ${event.error}`;
    case 'collect.done':
      return `collected ${event.resources} resources in ${event.calls} API calls (${event.seconds.toFixed(1)} s)${event.errors ? `, ${event.errors} coverage gap(s)` : ''}`;
    case 'snapshot.written':
      return `wrote ${event.path} (${event.resources} resources)`;
    case 'model.workloads':
      return `${event.count} workloads`;
    case 'rules.loaded':
      return `${event.count} rules loaded`;
    case 'rules.rule-error':
      return `rule ${event.ruleId} could not be evaluated on ${event.resourceId}: ${event.error}`;
    case 'export.written':
      return `wrote ${event.path}`;
    case 'export.skipped':
      return `skipped ${event.path}: ${event.reason}`;
    case 'message':
      return event.text;
  }
}

import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/model/facts.js';
import { renderFactsReference } from '../../src/model/facts-doc.js';
import { RELATIONSHIPS } from '../../src/model/relationships.js';

describe('docs/facts.md', () => {
  it('lists every fact of every type and every relationship', () => {
    const text = renderFactsReference();
    for (const [type, table] of Object.entries(FACTS)) {
      const section = text.slice(text.indexOf(type === 'workload' ? '## workload' : `## \`${type}\``));
      for (const name of Object.keys(table)) expect(section, `${type} ${name}`).toContain(`| \`${name}\` |`);
    }
    for (const spec of RELATIONSHIPS) expect(text).toContain(`| \`${spec.from}\` | ${spec.relation} | \`${spec.to}\` |`);
  });

  // Regenerate with: npx vitest run test/model/facts-doc.test.ts -u
  it('is current with the fact declarations', async () => {
    await expect(renderFactsReference()).toMatchFileSnapshot('../../docs/facts.md');
  });
});

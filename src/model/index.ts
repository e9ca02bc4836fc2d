/** The resolver's public surface: `resolve`, the fact declarations, the model types. */
export { resolve } from './resolve.js';
export { FACTS, FACT_SERVICES, FACT_DECLARATIONS, type CoverageStatus, type FactDeclaration, type FactTable } from './facts.js';
export { RELATIONSHIPS, type Relation, type RelationshipSpec } from './relationships.js';
export { renderFactsReference } from './facts-doc.js';
export * from './types.js';

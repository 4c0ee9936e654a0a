/** The rule sets live with the graph walker that applies them (src/graph/rules.ts); screening re-exports them. */
export * from '../graph/rules.ts';

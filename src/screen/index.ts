/** Screening of vendor, customer and holdings files: rows → matches → listings and rule paths → report. */
export type * from './types.ts';
export { FIELDS } from './types.ts';
export { loadRules, parseRules, selectRules, ruleInForce, ruleCovers, type Rule, type RuleKind, type RuleSelection } from '../graph/rules.ts';
export { PathFinder, listingRefs, pathText, relationLabel, sourceText } from './graph-paths.ts';
export {
  RowScreener,
  HIT_THRESHOLD,
  REVIEW_THRESHOLD,
  CONFIDENT_LINK,
  tickerKey,
  type Matcher,
  type RowVerdict,
  type ScreenerOptions,
} from './row-screener.ts';
export { detectColumns, parseColumnMap, rowFields, looksLikeHoldings, type ColumnMap } from './columns.ts';
export { openTable, detectFormat, type Table, type TableFormat } from './read-table.ts';
export { rowProblem, parseAmount } from './validate-row.ts';
export { loadIndexFile, portfolioShares, exposureSummary, fundConstituents, type IndexFile, type Constituent } from './holdings.ts';
export { readRelationsFile, relationEntities, type RelationRow } from './relations-file.ts';
export { screenFile, sha256File, summarise, type FileScreening, type InputInfo, type ScreenFileOptions } from './screen-file.ts';
export { certificateRules, screenAgainst, runScreening, type ScreeningOptions } from './run-screening.ts';
export { flagged, reasonText, type ScreenReport } from './report-model.ts';
export { renderText, renderCsv, renderXlsx, exposureLines } from './report-text.ts';
export { renderHtml } from './report-html.ts';
export { supplyChain, supplyRules, type SupplyExposure, type SupplierSupply, type SupplySection } from './supply-chain.ts';
export { readTiersFile, type TierLink } from './tiers-file.ts';
export { supplyRows, supplyText, supplyHtml, type SupplyRow } from './report-supply.ts';

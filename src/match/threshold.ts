/**
 * Default match threshold. Re-tuned after the scorer rewrite (rarity weights, strict fuzzy pairs,
 * acronyms, joins, containment): on the development pairs (bench:match, 3,000 labelled pairs) F1 is
 * 0.853–0.862 for thresholds 0.68–0.75 (best single point 0.71: 0.865). 0.75 is kept: it separates
 * the "shorter name plus one distinctive word" class ("RIMERA" vs "RIMERA ALNAS" scores ≈ 0.745),
 * trades 0.006 F1 for precision (0.89 vs 0.85 at 0.70), and keeps a one-distinctive-word query
 * ("Hikvision") a match for the full registered name.
 */
export const DEFAULT_THRESHOLD = 0.75;

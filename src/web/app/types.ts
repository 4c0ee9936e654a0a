/**
 * Shapes the UI reads from the API: the server's wire schemas (src/server/schemas.ts), imported as
 * types only, so the browser bundle holds no server code and the UI cannot drift from the server.
 */
import type { Static } from 'typebox';
import type * as W from '../../server/schemas.ts';

export type { MatchFeature } from '../../server/schemas.ts';
export type Me = Static<typeof W.Me>;
export type JobInfo = Static<typeof W.JobInfo>;
export type Listing = Static<typeof W.Listing>;
export type PathStep = Static<typeof W.PathStep>;
export type Decision = Static<typeof W.DecisionRecord>;
export type Review = Static<typeof W.HitReview>;
export type Hit = Static<typeof W.Hit>;
export type Row = Static<typeof W.Row>;
export type Results = Static<typeof W.Results>;
export type AuditTrail = Static<typeof W.AuditTrail>;
export type EntityResponse = Static<typeof W.EntityResponse>;
export type EntityView = Static<typeof W.EntityView>;
export type LinkView = Static<typeof W.LinkView>;
export type FactSource = Static<typeof W.FactSource>;
export type SearchResponse = Static<typeof W.SearchResponse>;
export type Version = Static<typeof W.Version>;
export type ListsResponse = Static<typeof W.Lists>;
export type Diff = Static<typeof W.Diff>;
export type SourceStatus = Static<typeof W.SourceStatus>;
export type Examples = Static<typeof W.Examples>;
export type Proposal = Static<typeof W.Proposal>;
export type ReasonCodes = Static<typeof W.ReasonCodes>;
export type MonitorsResponse = Static<typeof W.Monitors>;
export type MonitorDetail = Static<typeof W.MonitorDetail>;
export type AlertsResponse = Static<typeof W.Alerts>;

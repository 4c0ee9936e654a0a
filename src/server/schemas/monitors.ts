/** Wire shapes of monitors and the alert inbox (objects stay open: fields added in src/monitor are sent). */
import { Type } from 'typebox';
import { Int, Open, Str, Strings } from './common.ts';

const Optional = Type.Optional;

export const MonitorInfo = Type.Object(
  {
    id: Str,
    name: Str,
    kind: Type.Union([Type.Literal('vendors'), Type.Literal('holdings')]),
    owner: Str,
    options: Type.Object({}, Open),
    recipients: Type.Object({ webhooks: Type.Array(Type.Object({ url: Str, secret: Type.Literal('set') })), emails: Strings }),
    createdAt: Str,
    updatedAt: Str,
    screenedAt: Optional(Str),
    screenedVersions: Type.Record(Str, Int),
    summary: Type.Object({ rows: Int, hit: Int, review: Int }),
    fileName: Optional(Str),
    fileSha256: Optional(Str),
  },
  Open,
);

export const MonitorHitInfo = Type.Object(
  {
    recordKey: Str,
    entityId: Str,
    row: Int,
    label: Str,
    caption: Str,
    status: Str,
    lists: Strings,
    listingHash: Str,
    listings: Type.Array(Type.Object({}, Open)),
  },
  Open,
);

export const Delivery = Type.Object(
  { id: Int, channel: Str, target: Str, status: Str, attempts: Int, nextAttemptAt: Str, lastError: Optional(Str), deliveredAt: Optional(Str) },
  Open,
);

export const AlertInfo = Type.Object(
  {
    id: Int,
    kind: Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('resolved'), Type.Literal('operator')]),
    monitorId: Optional(Str),
    monitorName: Optional(Str),
    recordKey: Optional(Str),
    entityId: Optional(Str),
    label: Str,
    caption: Str,
    lists: Strings,
    detail: Type.Object({}, Open),
    cause: Str,
    createdAt: Str,
    acknowledgedBy: Optional(Str),
    acknowledgedAt: Optional(Str),
    deliveries: Type.Array(Delivery),
  },
  Open,
);

export const Attempt = Type.Object({ deliveryId: Int, attempt: Int, at: Str, ok: Type.Boolean(), httpStatus: Optional(Int), error: Optional(Str), ms: Int });

export const Monitors = Type.Object({ monitors: Type.Array(MonitorInfo), nextListUpdate: Optional(Str) });
export const MonitorDetail = Type.Object({ monitor: MonitorInfo, hits: Type.Array(MonitorHitInfo), alerts: Type.Array(AlertInfo) });
export const Alerts = Type.Object({ alerts: Type.Array(AlertInfo) });
export const AlertDetail = Type.Object({ alert: AlertInfo, attempts: Type.Array(Attempt) });
export const MonitorParams = Type.Object({ id: Str });
export const AlertParams = Type.Object({ id: Int });
export const AlertsQuerystring = Type.Object({
  monitor: Optional(Str),
  kind: Optional(Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('resolved'), Type.Literal('operator')])),
  undelivered: Optional(Type.Boolean()),
  limit: Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export const RunQuerystring = Type.Object({ full: Optional(Type.Boolean()) });

export const RescreenOutcomeInfo = Type.Object(
  {
    monitor: Str,
    mode: Optional(Str),
    screened: Optional(Int),
    alerts: Optional(Type.Array(Type.Object({}, Open))),
    cause: Optional(Str),
    error: Optional(Str),
  },
  Open,
);
export const RunResult = Type.Object({ outcomes: Type.Array(RescreenOutcomeInfo) });

/** The multipart form of POST /monitors, for the docs (the handler reads the parts itself). */
export const MonitorForm = Type.Object({
  file: Type.String({ format: 'binary', description: 'vendor, customer or holdings file' }),
  index: Optional(Type.String({ format: 'binary', description: 'holdings: index constituents for look-through' })),
  name: Str,
  kind: Optional(Type.Union([Type.Literal('vendors'), Type.Literal('holdings')])),
  owner: Optional(Str),
  threshold: Optional(Str),
  map: Optional(Type.String({ description: 'name="Vendor Name",country=Country' })),
  rules: Optional(Type.String({ description: 'rule set ids, comma-separated' })),
  emails: Optional(Type.String({ description: 'addresses for the digest, comma-separated' })),
  webhooks: Optional(Type.String({ description: 'JSON: [{"url": "https://…", "secret": "16+ characters"}]' })),
});

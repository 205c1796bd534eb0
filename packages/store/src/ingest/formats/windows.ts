/**
 * Windows events exported as JSON (a JSON array, NDJSON or pretty-printed objects) into rows
 * of the Sentinel SecurityEvent table. Two shapes are read: Winlogbeat's ECS documents
 * (`winlog.event_id`, `winlog.event_data.*`) and the flat NXLog shape of the OTRF
 * Security-Datasets (`EventID`, `Hostname`, event data at the top level).
 */
import schema from '../../../schemas/SecurityEvent.json' with { type: 'json' };
import type { Decoded } from './decoded.ts';
import { jsonRecords } from './json-records.ts';
import { activityOf } from './windows-activity.ts';
import { eventDataXml, fieldText, userDataXml } from './windows-eventdata.ts';
import { parseIso } from './time.ts';

type Obj = Record<string, unknown>;

/** SecurityEvent column name -> KQL type. */
const COLUMNS: ReadonlyMap<string, string> = new Map(schema.columns.map((c) => [c.name, c.type]));

/** Columns the decoder computes; an event-data field of the same name does not set them. */
const COMPUTED = new Set([
  'TimeGenerated', 'EventID', 'Computer', 'Channel', 'EventSourceName', 'Activity', 'Account', 'AccountType',
  'EventData', 'SourceSystem', 'Type', 'TenantId', '_ResourceId', '_IsBillable', '_BilledSize', '_SubscriptionId',
  'SubjectAccount', 'TargetAccount', 'LogonTypeName', 'EventRecordId', 'SystemProcessId', 'SystemThreadId',
  'SystemUserId', 'Keywords', 'Task', 'Version', 'ManagementGroupName', 'SourceComputerId', 'AzureDeploymentID',
]);

/** Top-level fields of the flat NXLog / OTRF shape that describe the event rather than carry its data. */
const FLAT_METADATA = new Set([
  '@timestamp', '@version', 'EventTime', 'EventReceivedTime', 'TimeCreated', 'Hostname', 'Computer', 'host', 'port', 'tags',
  'Keywords', 'EventType', 'SeverityValue', 'Severity', 'Level', 'EventID', 'SourceName', 'ProviderName', 'ProviderGuid',
  'Version', 'Task', 'OpcodeValue', 'Opcode', 'RecordNumber', 'EventRecordID', 'ExecutionProcessID', 'ExecutionThreadID',
  'ProcessID', 'ThreadID', 'Channel', 'Category', 'Message', 'SourceModuleName', 'SourceModuleType', 'UserID',
  'ERROR_EVT_UNRESOLVED', 'EventData', 'UserData',
]);

/** NXLog's account of the event's UserID; taken as metadata only when UserID is present. */
const FLAT_USER_METADATA = ['AccountName', 'Domain', 'AccountType'];

/** Decodes Windows event JSON into SecurityEvent rows, one per JSON object. */
export function decodeWindowsEvents(text: string): Decoded {
  const result: Decoded = { records: [], errors: [] };
  const recs = jsonRecords(text);
  recs.forEach((r, k) => {
    const fail = (reason: string) => result.errors.push({ record: k + 1, line: r.line, reason, raw: r.raw });
    if (r.reason !== undefined) return fail(r.reason);
    const v = r.value;
    if (!isObj(v)) return fail(`a Windows event must be a JSON object, found ${Array.isArray(v) ? 'an array' : typeof v}`);
    const out = isObj(v.winlog) ? fromWinlogbeat(v, v.winlog) : fromFlat(v);
    if (typeof out === 'string') return fail(out);
    result.records.push(out);
  });
  return result;
}

interface Parts {
  id: unknown;
  time: unknown;
  computer: unknown;
  channel: unknown;
  source: unknown;
  recordId: unknown;
  pid: unknown;
  tid: unknown;
  userId: unknown;
  task: unknown;
  version: unknown;
  keywords: string | undefined;
  data: Obj;
  eventData: string;
}

function fromWinlogbeat(doc: Obj, wl: Obj): Obj | string {
  const ev = isObj(doc.event) ? doc.event : {};
  const host = isObj(doc.host) ? doc.host : {};
  const proc = isObj(wl.process) ? wl.process : {};
  const ed = isObj(wl.event_data) ? wl.event_data : undefined;
  const ud = isObj(wl.user_data) ? wl.user_data : undefined;
  let data: Obj = ed ?? {};
  let xml = eventDataXml(data);
  if (!ed && ud) {
    const { xml_name: wrapper, ...fields } = ud;
    data = fields;
    xml = userDataXml(fields, typeof wrapper === 'string' ? wrapper : undefined);
  }
  return build({
    id: wl.event_id ?? ev.code,
    time: doc['@timestamp'] ?? wl.time_created,
    computer: wl.computer_name ?? host.name ?? host.hostname,
    channel: wl.channel,
    source: wl.provider_name,
    recordId: wl.record_id,
    pid: proc.pid,
    tid: isObj(proc.thread) ? proc.thread.id : undefined,
    userId: isObj(wl.user) ? wl.user.identifier : undefined,
    task: undefined, // winlogbeat gives the task's name, the column holds its number
    version: wl.version,
    keywords: winlogbeatKeywords(wl.keywords),
    data,
    eventData: xml,
  });
}

function fromFlat(doc: Obj): Obj | string {
  const userMeta = doc.UserID !== undefined;
  const data: Obj = Object.create(null) as Obj; // a field named __proto__ is data too
  for (const [k, v] of Object.entries(doc)) {
    if (FLAT_METADATA.has(k) || (userMeta && FLAT_USER_METADATA.includes(k))) continue;
    data[k] = v;
  }
  return build({
    id: doc.EventID,
    time: doc['@timestamp'] ?? doc.TimeCreated ?? doc.EventTime,
    computer: doc.Hostname ?? doc.Computer ?? (typeof doc.host === 'string' ? doc.host : undefined),
    channel: doc.Channel,
    source: doc.SourceName ?? doc.ProviderName,
    recordId: doc.RecordNumber ?? doc.EventRecordID,
    pid: doc.ExecutionProcessID ?? doc.ProcessID,
    tid: doc.ExecutionThreadID ?? doc.ThreadID,
    userId: doc.UserID,
    task: doc.Task,
    version: doc.Version,
    keywords: nxlogKeywords(doc.Keywords),
    data,
    eventData: eventDataXml(data),
  });
}

function build(p: Parts): Obj | string {
  if (p.id === undefined || p.id === null || p.id === '') return 'the event has no event id (winlog.event_id, event.code or EventID)';
  const id = toInt(p.id);
  if (id === undefined) return `event id '${fieldText(p.id)}' is not an integer`;
  if (p.time === undefined || p.time === null || p.time === '') return 'the event has no time (@timestamp, TimeCreated or EventTime)';
  const time = readTime(p.time);
  if (time === undefined) return `event time '${fieldText(p.time)}' is not a date and time`;

  const row: Obj = { TimeGenerated: time, EventID: id, SourceSystem: 'OpsManager' };
  setText(row, 'Computer', p.computer);
  setText(row, 'Channel', p.channel);
  setText(row, 'EventSourceName', p.source);
  const activity = activityOf(id, typeof p.channel === 'string' ? p.channel : undefined);
  if (activity !== undefined) row.Activity = activity;
  for (const [name, v] of Object.entries(p.data)) {
    const type = COLUMNS.get(name);
    if (type === undefined || COMPUTED.has(name)) continue;
    const cv = columnValue(v, type);
    if (cv !== undefined) row[name] = cv;
  }
  setText(row, 'EventRecordId', p.recordId);
  setInt(row, 'SystemProcessId', p.pid);
  setInt(row, 'SystemThreadId', p.tid);
  setText(row, 'SystemUserId', p.userId);
  setInt(row, 'Task', p.task);
  setInt(row, 'Version', p.version);
  if (p.keywords !== undefined) row.Keywords = p.keywords;
  if (typeof row.LogonType === 'number' && LOGON_TYPES[row.LogonType]) row.LogonTypeName = `${row.LogonType} - ${LOGON_TYPES[row.LogonType]}`;
  accounts(row, p.data);
  row.EventData = p.eventData;
  return row;
}

const LOGON_TYPES: Record<number, string> = {
  0: 'System', 2: 'Interactive', 3: 'Network', 4: 'Batch', 5: 'Service', 7: 'Unlock', 8: 'NetworkCleartext',
  9: 'NewCredentials', 10: 'RemoteInteractive', 11: 'CachedInteractive', 12: 'CachedRemoteInteractive', 13: 'CachedUnlock',
};

/** Account and AccountType from the target user (or the subject when there is none); SubjectAccount, TargetAccount. */
function accounts(row: Obj, data: Obj): void {
  const su = fieldText(data.SubjectUserName);
  const sd = fieldText(data.SubjectDomainName);
  const tu = fieldText(data.TargetUserName);
  const td = fieldText(data.TargetDomainName);
  const join = (d: string | undefined, u: string) => (d !== undefined && d !== '' && !u.includes('@') ? `${d}\\${u}` : u);
  if (su !== undefined) row.SubjectAccount = join(sd, su);
  if (tu !== undefined) row.TargetAccount = join(td, tu);
  const useTarget = tu !== undefined && tu !== '' && tu !== '-';
  const [u, d] = useTarget ? [tu, td] : [su, sd];
  if (u === undefined || u === '' || u === '-') return;
  row.Account = join(d === '-' ? undefined : d, u);
  row.AccountType = u.endsWith('$') ? 'Machine' : 'User';
}

function columnValue(v: unknown, type: string): unknown {
  if (type === 'int' || type === 'long') return toInt(v);
  if (type === 'real') return typeof v === 'number' ? v : undefined;
  return fieldText(v);
}

function toInt(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  const n = /^-?\d+$/.test(t) ? Number(t) : /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function setText(row: Obj, col: string, v: unknown): void {
  const t = fieldText(v);
  if (t !== undefined && t !== '') row[col] = t;
}

function setInt(row: Obj, col: string, v: unknown): void {
  const n = toInt(v);
  if (n !== undefined) row[col] = n;
}

/** Reads '2024-03-01T12:00:00.123Z', '2024-03-01 12:00:00' (UTC), '/Date(1709294400123)/' or {SystemTime: ...}. */
function readTime(v: unknown): string | undefined {
  if (isObj(v)) return readTime(v.SystemTime);
  if (typeof v !== 'string') return undefined;
  const ms = /^\/Date\((-?\d+)\)\/$/.exec(v.trim());
  if (ms) {
    const d = new Date(Number(ms[1]));
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return parseIso(v);
}

/** Winlogbeat keyword names -> the hex mask Sentinel shows, for the two audit keywords. */
function winlogbeatKeywords(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  if (v.includes('Audit Success')) return '0x8020000000000000';
  if (v.includes('Audit Failure')) return '0x8010000000000000';
  return undefined;
}

/** NXLog writes the 64-bit keyword mask as a signed decimal; Sentinel shows it as hex. */
function nxlogKeywords(v: unknown): string | undefined {
  const t = typeof v === 'number' || typeof v === 'string' ? String(v).trim() : '';
  if (/^0x[0-9a-f]+$/i.test(t)) return t;
  if (!/^-?\d+$/.test(t)) return undefined;
  // a double cannot hold a 64-bit mask exactly, so a number value is only trusted when it is exact
  if (typeof v === 'number' && !Number.isSafeInteger(v)) return undefined;
  return '0x' + (BigInt(t) & 0xffffffffffffffffn).toString(16);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

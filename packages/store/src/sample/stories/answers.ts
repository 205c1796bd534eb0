/**
 * The machine-readable answer key of the attack stories: for a seed and a
 * window, each story's id, title, tables, key entities, time range, a KQL hunt
 * that finds it (relative to now() = the window's end) and the values a row of
 * that hunt's result must carry. The hunts are generic (they name no story
 * entity), so they find nothing in the normal traffic of the same size.
 */
import { OFFICES, ORG } from '../org.ts';
import { DEFAULT_END } from '../time.ts';
import { isoOf } from './cells.ts';
import { storyAlerts } from './alerts.ts';
import { planStories, SPRAY_ATTEMPTS, BEACONS, type StoryPlan } from './plan.ts';

export type EntityType = 'ip' | 'account' | 'host' | 'domain' | 'url' | 'file' | 'process' | 'alert';

export interface StoryEntity {
  type: EntityType;
  value: string;
  /** what the entity is in the story: "source", "compromised account", "C2 server" ... */
  role: string;
}

export interface StoryAnswer {
  id: string;
  title: string;
  description: string;
  /** MITRE ATT&CK techniques */
  techniques: string[];
  /** tables holding the story's rows */
  tables: string[];
  entities: StoryEntity[];
  /** first and last story event (ISO 8601, 7 fraction digits) */
  start: string;
  end: string;
  /** a KQL hunt that finds the story, with now() = the answer key's end */
  query: string;
  /** each entry must be matched by a row of the query's result (a dynamic array column matches when it contains the value) */
  expect: Record<string, string | number>[];
}

export interface AnswerKey {
  generator: 'huntbook sample';
  version: 1;
  seed: number;
  /** the data window: [end - days, end) */
  end: string;
  days: number;
  stories: StoryAnswer[];
}

/** Every story id, in answer-key order. */
export const STORY_IDS = [
  'password-spray', 'encoded-powershell', 'local-admin-created', 'security-log-cleared', 'rare-parent-child',
  'beaconing', 'impossible-travel', 'threat-intel-match', 'alerts',
] as const;

const ORG_COUNTRIES = [...new Set(OFFICES.map((o) => o.country))];
const kqlList = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

export const STORY_QUERIES: Record<(typeof STORY_IDS)[number], string> = {
  'password-spray': `// Password spray: one foreign address fails on many accounts within an hour, then one sign-in succeeds
SigninLogs
| where TimeGenerated > ago(2d)
| where Location !in (${kqlList(ORG_COUNTRIES)})
| summarize Accounts = dcountif(UserPrincipalName, ResultType == "50126"), Failures = countif(ResultType == "50126"),
    Successes = countif(ResultType == "0"), Compromised = make_set_if(UserPrincipalName, ResultType == "0"),
    First = min(TimeGenerated), Last = max(TimeGenerated) by IPAddress, Location, bin(TimeGenerated, 1h)
| where Accounts >= 20 and Successes > 0
| project IPAddress, Location, Accounts, Failures, Successes, Compromised, First, Last`,

  'encoded-powershell': `// Encoded PowerShell download cradles whose download host the same device then contacted
DeviceProcessEvents
| where TimeGenerated > ago(2d) and FileName =~ "powershell.exe"
| extend Encoded = extract(@"(?i)\\s-e(nc|ncodedcommand)?\\s+([A-Za-z0-9+/=]{20,})", 2, ProcessCommandLine)
| where isnotempty(Encoded)
| extend Decoded = replace_string(base64_decode_tostring(Encoded), "\\0", "")
| where Decoded has "DownloadString"
| extend Url = extract(@"(https?://[^'\\s)]+)", 1, Decoded)
| extend UrlHost = extract(@"https?://([^/:']+)", 1, Url)
| join kind=inner (DeviceNetworkEvents
    | where ActionType == "ConnectionSuccess"
    | project DeviceName, UrlHost = RemoteUrl, RemoteIP, Connected = TimeGenerated) on DeviceName, UrlHost
| project TimeGenerated, DeviceName, AccountName, InitiatingProcessFileName, Decoded, Url, RemoteIP, Connected`,

  'local-admin-created': `// A new account added to the local Administrators group within an hour of its creation
let created = SecurityEvent
    | where TimeGenerated > ago(2d) and EventID == 4720
    | project Created = TimeGenerated, Computer, NewAccount = TargetAccount, NewSid = TargetSid, CreatedBy = SubjectAccount;
SecurityEvent
| where TimeGenerated > ago(2d) and EventID == 4732 and TargetSid == "S-1-5-32-544"
| project Added = TimeGenerated, Computer, NewSid = MemberSid, Group = strcat(TargetDomainName, @"\\", TargetUserName)
| join kind=inner created on Computer, NewSid
| where Added between (Created .. Created + 1h)
| project Computer, NewAccount, NewSid, Group, CreatedBy, Created, Added`,

  'security-log-cleared': `// The Security log cleared by an account outside the domain (a local account)
SecurityEvent
| where TimeGenerated > ago(2d) and EventID == 1102
| where SubjectDomainName !in~ ("${ORG.netbios}", "NT AUTHORITY")
| project TimeGenerated, Computer, ClearedBy = SubjectAccount, SubjectUserSid`,

  'rare-parent-child': `// Shells started by an unusual parent, once in the whole window (the usual launchers are known)
SecurityEvent
| where EventID == 4688
| extend Parent = tolower(tostring(split(ParentProcessName, @"\\")[-1])), Child = tolower(tostring(split(NewProcessName, @"\\")[-1]))
| where Child in ("cmd.exe", "powershell.exe", "pwsh.exe")
| where Parent !in ("explorer.exe", "cmd.exe", "powershell.exe", "ccmexec.exe", "runas.exe", "w3wp.exe") // w3wp.exe: the IIS log rotation job
| summarize Count = count(), First = min(TimeGenerated), Computer = take_any(Computer), Account = take_any(Account), CommandLine = take_any(CommandLine) by Parent, Child
| where Count == 1 and First > ago(2d)`,

  beaconing: `// Beaconing: many allowed outbound connections to one destination at nearly constant intervals
CommonSecurityLog
| where TimeGenerated > ago(2d) and CommunicationDirection == "Outbound" and DeviceAction in ("allow", "accept")
| project TimeGenerated, SourceIP, DestinationIP, DestinationPort
| sort by SourceIP asc, DestinationIP asc, DestinationPort asc, TimeGenerated asc
| extend Gap = iff(prev(SourceIP) == SourceIP and prev(DestinationIP) == DestinationIP and prev(DestinationPort) == DestinationPort,
    datetime_diff("second", TimeGenerated, prev(TimeGenerated)), long(null))
| summarize Connections = count(), MeanGap = avg(Gap), GapStdev = stdev(Gap), First = min(TimeGenerated), Last = max(TimeGenerated)
    by SourceIP, DestinationIP, DestinationPort
| where Connections >= 30 and GapStdev < 0.1 * MeanGap
| project SourceIP, DestinationIP, DestinationPort, Connections, MeanGap = round(MeanGap, 1), GapStdev = round(GapStdev, 2), First, Last`,

  'impossible-travel': `// Impossible travel: successful sign-ins of one user over 2,000 km apart within an hour, the second from a country not seen before
let seen = SigninLogs
    | where TimeGenerated <= ago(2d) and ResultType == "0"
    | distinct Location;
SigninLogs
| where TimeGenerated > ago(2d) and ResultType == "0"
| extend Lat = toreal(LocationDetails.geoCoordinates.latitude), Lon = toreal(LocationDetails.geoCoordinates.longitude)
| project TimeGenerated, UserPrincipalName, IPAddress, Location, Lat, Lon
| sort by UserPrincipalName asc, TimeGenerated asc
| extend PrevUser = prev(UserPrincipalName), PrevTime = prev(TimeGenerated), PrevIP = prev(IPAddress), PrevLocation = prev(Location), PrevLat = prev(Lat), PrevLon = prev(Lon)
| where UserPrincipalName == PrevUser and Location != PrevLocation and TimeGenerated - PrevTime < 1h
| extend Km = round(6371 * 2 * asin(sqrt(pow(sin(radians(Lat - PrevLat) / 2), 2) + cos(radians(PrevLat)) * cos(radians(Lat)) * pow(sin(radians(Lon - PrevLon) / 2), 2))))
| where Km > 2000 and Location !in (seen)
| extend Minutes = round((TimeGenerated - PrevTime) / 1m, 1)
| project UserPrincipalName, PrevTime, PrevIP, PrevLocation, TimeGenerated, IPAddress, Location, Km, Minutes`,

  'threat-intel-match': `// Allowed traffic to addresses listed in threat intelligence
let indicators = ThreatIntelligenceIndicator
    | where Active == true and isnotempty(NetworkIP)
    | summarize arg_max(TimeGenerated, *) by NetworkIP
    | project NetworkIP, ThreatType, ConfidenceScore, Description, IndicatorProvider;
CommonSecurityLog
| where TimeGenerated > ago(2d) and DeviceAction in ("allow", "accept")
| join kind=inner indicators on $left.DestinationIP == $right.NetworkIP
| summarize Connections = count(), First = min(TimeGenerated), Last = max(TimeGenerated), Sources = make_set(SourceIP)
    by DestinationIP, ThreatType, ConfidenceScore, Description, IndicatorProvider`,

  alerts: `// Hosts and accounts named by three or more different alerts spanning three or more ATT&CK tactics in two days
SecurityAlert
| where TimeGenerated > ago(2d)
| mv-expand Entity = todynamic(Entities)
| extend EntityType = tostring(Entity.Type), EntityName = tolower(tostring(coalesce(Entity.HostName, Entity.Name)))
| where EntityType in ("host", "account")
| mv-expand Tactic = split(Tactics, ",") to typeof(string)
| summarize AlertCount = dcount(AlertName), Tactics = dcount(Tactic), TacticList = make_set(Tactic), Alerts = make_set(AlertName),
    First = min(StartTime), Last = max(EndTime) by EntityType, EntityName
| where AlertCount >= 3 and Tactics >= 3
| sort by Tactics desc, EntityName asc`,
};

function answers(p: StoryPlan): StoryAnswer[] {
  const v = p.victim;
  const w = p.victimHost;
  const sp = p.spray;
  const c = p.cradle;
  const a = p.admin;
  const r = p.rare;
  const tr = p.travel;
  const beacon = p.beacon.times;
  const alerts = storyAlerts(p);
  const lastBeacon = beacon[beacon.length - 1]!;
  return [
    {
      id: 'password-spray', title: `Password spray from ${sp.ip} (${sp.place.countryName}) ending in a sign-in as ${v.upn}`,
      description: `${SPRAY_ATTEMPTS} accounts fail with 50126 (invalid password) from one foreign address within minutes, then ${v.upn} signs in successfully from it.`,
      techniques: ['T1110.003'], tables: ['SigninLogs'],
      entities: [{ type: 'ip', value: sp.ip, role: 'source' }, { type: 'account', value: v.upn, role: 'compromised account' }],
      start: isoOf(sp.failures[0]!), end: isoOf(sp.success), query: STORY_QUERIES['password-spray'],
      expect: [{ IPAddress: sp.ip, Location: sp.place.country, Accounts: SPRAY_ATTEMPTS, Compromised: v.upn }],
    },
    {
      id: 'encoded-powershell', title: `Encoded PowerShell download cradle on ${w.name}`,
      description: `${v.sam} runs powershell.exe -Enc with a UTF-16LE base64 command that downloads and runs ${c.url}; the host resolves ${c.domain} and connects to ${c.c2Ip}.`,
      techniques: ['T1059.001', 'T1027', 'T1105'], tables: ['SecurityEvent', 'DeviceProcessEvents', 'DeviceNetworkEvents', 'DnsEvents'],
      entities: [
        { type: 'host', value: w.fqdn, role: 'victim host' }, { type: 'account', value: `${ORG.netbios}\\${v.sam}`, role: 'user' },
        { type: 'url', value: c.url, role: 'payload URL' }, { type: 'domain', value: c.domain, role: 'download host' }, { type: 'ip', value: c.c2Ip, role: 'download address' },
        { type: 'process', value: `powershell.exe -NoP -NonI -W Hidden -Enc ${c.b64}`, role: 'command line' },
      ],
      start: isoOf(c.cmd), end: isoOf(c.connect), query: STORY_QUERIES['encoded-powershell'],
      expect: [{ DeviceName: w.fqdn.toLowerCase(), AccountName: v.sam, Url: c.url, RemoteIP: c.c2Ip }],
    },
    {
      id: 'local-admin-created', title: `New local administrator ${a.newName} on ${a.host.name}`,
      description: `adm-${a.creator.sam} creates the local account ${a.host.name}\\${a.newName} (4720) and adds it to Administrators (4732).`,
      techniques: ['T1136.001', 'T1098'], tables: ['SecurityEvent'],
      entities: [
        { type: 'host', value: a.host.fqdn, role: 'host' }, { type: 'account', value: `${a.host.name}\\${a.newName}`, role: 'new account' },
        { type: 'account', value: `${ORG.netbios}\\adm-${a.creator.sam}`, role: 'creator' },
      ],
      start: isoOf(a.created), end: isoOf(a.added), query: STORY_QUERIES['local-admin-created'],
      expect: [{ Computer: a.host.fqdn, NewAccount: `${a.host.name}\\${a.newName}`, NewSid: a.newSid, CreatedBy: `${ORG.netbios}\\adm-${a.creator.sam}` }],
    },
    {
      id: 'security-log-cleared', title: `Security log cleared on ${a.host.name}`,
      description: `The new local account ${a.host.name}\\${a.newName} clears the Security event log (1102).`,
      techniques: ['T1070.001'], tables: ['SecurityEvent'],
      entities: [{ type: 'host', value: a.host.fqdn, role: 'host' }, { type: 'account', value: `${a.host.name}\\${a.newName}`, role: 'cleared by' }],
      start: isoOf(a.cleared), end: isoOf(a.cleared), query: STORY_QUERIES['security-log-cleared'],
      expect: [{ Computer: a.host.fqdn, ClearedBy: `${a.host.name}\\${a.newName}` }],
    },
    {
      id: 'rare-parent-child', title: `sqlservr.exe starts cmd.exe on ${r.host.name}`,
      description: `SQL Server spawns a shell once (xp_cmdshell): ${r.command}.`,
      techniques: ['T1059.003', 'T1505.001'], tables: ['SecurityEvent'],
      entities: [
        { type: 'host', value: r.host.fqdn, role: 'host' }, { type: 'account', value: `${ORG.netbios}\\svc_sql`, role: 'service account' },
        { type: 'process', value: r.command, role: 'command line' },
      ],
      start: isoOf(r.at), end: isoOf(r.at), query: STORY_QUERIES['rare-parent-child'],
      expect: [{ Parent: 'sqlservr.exe', Child: 'cmd.exe', Count: 1, Computer: r.host.fqdn, CommandLine: r.command }],
    },
    {
      id: 'beaconing', title: `${w.name} beacons to ${c.c2Ip}:443 every minute`,
      description: `${BEACONS} allowed outbound TLS connections from ${w.ip} to ${c.c2Ip}, 60 s apart give or take 3 s, with small regular byte counts.`,
      techniques: ['T1071.001', 'T1573'], tables: ['CommonSecurityLog'],
      entities: [{ type: 'host', value: w.fqdn, role: 'source host' }, { type: 'ip', value: w.ip, role: 'source' }, { type: 'ip', value: c.c2Ip, role: 'C2 server' }],
      start: isoOf(beacon[0]!), end: isoOf(lastBeacon), query: STORY_QUERIES.beaconing,
      expect: [{ SourceIP: w.ip, DestinationIP: c.c2Ip, DestinationPort: 443, Connections: BEACONS }],
    },
    {
      id: 'impossible-travel', title: `Impossible travel: ${tr.user.upn} signs in from ${tr.home.countryName}, then from ${tr.foreign.countryName} within the hour`,
      description: `A sign-in from the ${tr.home.city} office (${tr.home.egress}) and one from ${tr.foreign.city} (${tr.foreignIp}), about ${tr.km} km apart, ${Math.round(Number(tr.second - tr.first) / 60e9)} minutes later.`,
      techniques: ['T1078.004'], tables: ['SigninLogs'],
      entities: [
        { type: 'account', value: tr.user.upn, role: 'account' }, { type: 'ip', value: tr.home.egress, role: 'first sign-in' },
        { type: 'ip', value: tr.foreignIp, role: 'second sign-in' },
      ],
      start: isoOf(tr.first), end: isoOf(tr.second), query: STORY_QUERIES['impossible-travel'],
      expect: [{ UserPrincipalName: tr.user.upn, IPAddress: tr.foreignIp, Location: tr.foreign.country }],
    },
    {
      id: 'threat-intel-match', title: `Traffic to ${c.c2Ip}, a C2 address in threat intelligence`,
      description: `ThreatIntelligenceIndicator lists ${c.c2Ip} (ThreatType C2) with the campaign's domain, URL, spray address and payload hash; ${w.ip} connects to it.`,
      techniques: ['T1071'], tables: ['ThreatIntelligenceIndicator', 'CommonSecurityLog'],
      entities: [
        { type: 'ip', value: c.c2Ip, role: 'known-bad address' }, { type: 'ip', value: w.ip, role: 'source' },
        { type: 'domain', value: c.domain, role: 'indicator' }, { type: 'url', value: c.url, role: 'indicator' },
        { type: 'ip', value: sp.ip, role: 'indicator' }, { type: 'file', value: p.payloadSha256, role: 'indicator' },
      ],
      start: isoOf(beacon[0]!), end: isoOf(lastBeacon), query: STORY_QUERIES['threat-intel-match'],
      expect: [{ DestinationIP: c.c2Ip, ThreatType: 'C2', Connections: BEACONS, Sources: w.ip }],
    },
    {
      id: 'alerts', title: 'Alerts that point at the stories',
      description: alerts.map((al) => `${al.name} (${al.story})`).join('; '),
      techniques: [...new Set(alerts.flatMap((al) => JSON.parse(al.techniques) as string[]))], tables: ['SecurityAlert'],
      entities: alerts.map((al) => ({ type: 'alert' as const, value: al.name, role: al.story })),
      start: isoOf(alerts.reduce((m, al) => (al.start < m ? al.start : m), alerts[0]!.start)),
      end: isoOf(alerts.reduce((m, al) => (al.at > m ? al.at : m), alerts[0]!.at)),
      query: STORY_QUERIES.alerts,
      expect: [
        { EntityType: 'account', EntityName: v.sam },
        { EntityType: 'host', EntityName: a.host.name.toLowerCase() },
        { EntityType: 'account', EntityName: a.newName },
      ],
    },
  ];
}

/** The answer key for a seed and window (the same stories generateSample writes). */
export function sampleAnswerKey(opts: { seed?: number; end?: Date; days?: number } = {}): AnswerKey {
  const seed = opts.seed ?? 1;
  const end = opts.end ?? DEFAULT_END;
  const days = opts.days ?? 7;
  if (!(days >= 1)) throw new Error(`the attack stories need at least 1 day of data, got days=${days}`);
  return answerKeyOf(planStories(seed, end.getTime(), days), days);
}

export function answerKeyOf(plan: StoryPlan, days: number, tables?: ReadonlySet<string>): AnswerKey {
  const stories = answers(plan).filter((s) => !tables || s.tables.every((t) => tables.has(t)));
  return { generator: 'huntbook sample', version: 1, seed: plan.seed, end: new Date(plan.endMs).toISOString(), days, stories };
}

/**
 * The hunting questions of `npm run bench`, each asked twice: as idiomatic hunting KQL (run
 * through Huntbook) and as the DuckDB SQL an engineer would write by hand for the same answer.
 *
 * The hand SQL uses DuckDB's fast idioms where they give the same answer on this data: contains()
 * for fixed-case machine text, contains(lower(x), ...) or one (?i) regexp for case-insensitive
 * substrings (an OR of ILIKEs is several times slower in DuckDB and would flatter the engine).
 *
 * Both sides must return the same rows, column for column in the same order (the harness
 * sorts and normalises before comparing). Time windows: the KQL uses ago(); the SQL gets the
 * same instants as literals from `SqlContext` (now() is fixed to the generator's end time).
 *
 * What the sample generator puts in the columns used here (packages/store/src/sample):
 *  - SecurityEvent: EventID mix per catalog.ts EVENTS (4624 29%, 4634 18%, 4688 16%, 4625 3.2%,
 *    4720/4732/1102 a handful per 100k); 4625 brute force from 12 documentation-range IPs
 *    (203.0.113.x, 198.51.100.x) against ~15 generic names (TargetAccount without a domain);
 *    CommandLine/NewProcessName/ParentProcessName only on 4688, with rare encoded PowerShell
 *    (-enc / -EncodedCommand + base64) and mimikatz (sekurlsa::logonpasswords) lines.
 *  - SigninLogs: ResultType '0' ~89%; ~1.8% attack sign-ins from the same attacker IPs with
 *    50126/50053/50034 against all users; Location is the ISO country, also in LocationDetails JSON;
 *    5% travel sign-ins from other countries.
 *  - Syslog: sshd failures ('Failed password for [invalid user] X from IP port N ssh2') on the
 *    internet-facing hosts, UFW kernel blocks with SRC= / DPT= (10 ports).
 *  - CommonSecurityLog: PAN-OS / FortiGate traffic; DeviceAction allow/accept/deny/drop plus
 *    reset-both/alert for threats; SentBytes/ReceivedBytes log-normal; CommunicationDirection
 *    Inbound/Outbound/Internal; DestinationPort from a fixed list of flows.
 *  - DeviceProcessEvents: the same process catalogue as 4688, with InitiatingProcessFileName and
 *    rare LOLBins (certutil -urlcache, regsvr32 scrobj.dll, rundll32 MiniDump, vssadmin).
 *  - SecurityAlert: ~0.02% of rows; CompromisedEntity is the host FQDN (= SecurityEvent.Computer)
 *    or a UPN.
 */

export interface SqlContext {
  /** SQL timestamp literal of now() - span, span in Kusto form ('7d', '1h', '30m') */
  ago(span: string): string;
  /** SQL timestamp literal of now() */
  now: string;
}

export interface BenchQuery {
  name: string;
  /** the hunting question, one line */
  title: string;
  /** tables that must hold rows for the query to mean anything */
  tables: string[];
  kql: string;
  sql: (c: SqlContext) => string;
}

const SPAN_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

export function sqlContext(now: Date): SqlContext {
  const lit = (d: Date) => `TIMESTAMP '${d.toISOString().replace('T', ' ').replace('Z', '')}'`;
  return {
    now: lit(now),
    ago(span: string): string {
      const m = /^(\d+)([dhms])$/.exec(span);
      if (!m) throw new Error(`bad span ${span}`);
      return lit(new Date(now.getTime() - Number(m[1]) * SPAN_MS[m[2]!]!));
    },
  };
}

export const QUERIES: BenchQuery[] = [
  {
    name: 'failed_logon_bursts',
    title: 'accounts with >= 5 failed logons (4625) in a 5-minute bin',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(7d)
| where EventID == 4625
| summarize Failures = count() by TargetAccount, bin(TimeGenerated, 5m)
| where Failures >= 5`,
    sql: (c) => `
SELECT TargetAccount, time_bucket(INTERVAL 5 MINUTE, TimeGenerated) AS TimeGenerated, count(*) AS Failures
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('7d')} AND EventID = 4625
GROUP BY ALL
HAVING count(*) >= 5`,
  },
  {
    name: 'password_spray_ntlm',
    title: 'source IPs failing logons against >= 5 distinct accounts in a day',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(1d) and EventID == 4625
| summarize Accounts = dcount(TargetAccount), Attempts = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by IpAddress
| where Accounts >= 5
| order by Accounts desc`,
    sql: (c) => `
SELECT IpAddress, count(DISTINCT TargetAccount) AS Accounts, count(*) AS Attempts, min(TimeGenerated) AS FirstSeen, max(TimeGenerated) AS LastSeen
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('1d')} AND EventID = 4625
GROUP BY IpAddress
HAVING count(DISTINCT TargetAccount) >= 5
ORDER BY Accounts DESC`,
  },
  {
    name: 'rare_processes',
    title: 'least common new processes (4688) across hosts',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where EventID == 4688
| summarize Executions = count(), Hosts = dcount(Computer), LastSeen = max(TimeGenerated) by NewProcessName
| where Hosts <= 3
| sort by Executions asc, NewProcessName asc
| take 25`,
    sql: () => `
SELECT NewProcessName, count(*) AS Executions, count(DISTINCT Computer) AS Hosts, max(TimeGenerated) AS LastSeen
FROM SecurityEvent
WHERE EventID = 4688
GROUP BY NewProcessName
HAVING count(DISTINCT Computer) <= 3
ORDER BY Executions, NewProcessName
LIMIT 25`,
  },
  {
    name: 'encoded_powershell',
    title: 'PowerShell with -enc / -EncodedCommand, base64 payload extracted',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(7d)
| where EventID == 4688
| where CommandLine has "-enc" or CommandLine has "-EncodedCommand"
| extend Payload = extract(@"(?i)-enc(?:odedcommand)?\\s+([A-Za-z0-9+/=]{16,})", 1, CommandLine)
| summarize Executions = count(), Hosts = dcount(Computer), FirstSeen = min(TimeGenerated) by Account, ParentProcessName, Payload`,
    sql: (c) => `
SELECT Account, ParentProcessName,
       regexp_extract(CommandLine, '(?i)-enc(?:odedcommand)?\\s+([A-Za-z0-9+/=]{16,})', 1) AS Payload,
       count(*) AS Executions, count(DISTINCT Computer) AS Hosts, min(TimeGenerated) AS FirstSeen
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('7d')} AND EventID = 4688
  AND regexp_matches(CommandLine, '(?i)-enc(odedcommand)?\\s')
GROUP BY ALL`,
  },
  {
    name: 'new_local_admin',
    title: 'accounts created (4720) or added to local Administrators (4732)',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(7d)
| where EventID == 4720 or (EventID == 4732 and TargetSid == "S-1-5-32-544")
| project TimeGenerated, Computer, EventID, Actor = SubjectAccount, TargetUserName, MemberName, SamAccountName
| order by TimeGenerated desc`,
    sql: (c) => `
SELECT TimeGenerated, Computer, EventID, SubjectAccount AS Actor, TargetUserName, MemberName, SamAccountName
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('7d')} AND (EventID = 4720 OR (EventID = 4732 AND TargetSid = 'S-1-5-32-544'))
ORDER BY TimeGenerated DESC`,
  },
  {
    name: 'cleared_logs',
    title: 'security log cleared (1102) by host and account',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where EventID == 1102
| summarize Clears = count(), LastCleared = max(TimeGenerated) by Computer, Account`,
    sql: () => `
SELECT Computer, Account, count(*) AS Clears, max(TimeGenerated) AS LastCleared
FROM SecurityEvent
WHERE EventID = 1102
GROUP BY Computer, Account`,
  },
  {
    name: 'events_timechart',
    title: 'events per hour and EventID over the week (timechart)',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(7d)
| summarize Events = count() by bin(TimeGenerated, 1h), EventID
| render timechart`,
    sql: (c) => `
SELECT date_trunc('hour', TimeGenerated) AS TimeGenerated, EventID, count(*) AS Events
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('7d')}
GROUP BY ALL`,
  },
  {
    name: 'has_mimikatz',
    title: "'has' term filter on CommandLine (every row scanned)",
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where CommandLine has "sekurlsa"
| project TimeGenerated, Computer, Account, CommandLine`,
    sql: () => `
SELECT TimeGenerated, Computer, Account, CommandLine
FROM SecurityEvent
WHERE contains(lower(CommandLine), 'sekurlsa')`,
  },
  {
    name: 'distinct_counts',
    title: 'distinct accounts, hosts and source IPs per EventID in the last day',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(1d)
| summarize Events = count(), Accounts = dcount(Account), Computers = dcount(Computer), SourceIPs = dcount(IpAddress) by EventID`,
    sql: (c) => `
SELECT EventID, count(*) AS Events, count(DISTINCT Account) AS Accounts, count(DISTINCT Computer) AS Computers, count(DISTINCT IpAddress) AS SourceIPs
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('1d')}
GROUP BY EventID`,
  },
  {
    name: 'top_logon_accounts',
    title: 'top 10 accounts by successful logons (top operator)',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where TimeGenerated > ago(7d) and EventID == 4624
| summarize Logons = count() by Account
| top 10 by Logons`,
    sql: (c) => `
SELECT Account, count(*) AS Logons
FROM SecurityEvent
WHERE TimeGenerated > ${c.ago('7d')} AND EventID = 4624
GROUP BY Account
ORDER BY Logons DESC
LIMIT 10`,
  },
  {
    name: 'latest_admin_logons',
    title: 'latest 20 logons of adm- accounts (row-level top, then project)',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where EventID == 4624 and TargetUserName startswith "adm-"
| top 20 by TimeGenerated desc
| project TimeGenerated, Computer, TargetAccount, LogonTypeName, IpAddress`,
    sql: () => `
SELECT TimeGenerated, Computer, TargetAccount, LogonTypeName, IpAddress
FROM SecurityEvent
WHERE EventID = 4624 AND TargetUserName ILIKE 'adm-%'
ORDER BY TimeGenerated DESC
LIMIT 20`,
  },
  {
    name: 'rdp_sources_distinct',
    title: 'distinct RDP (logon type 10) account / source / host triples',
    tables: ['SecurityEvent'],
    kql: `SecurityEvent
| where EventID == 4624 and LogonType == 10
| distinct TargetAccount, IpAddress, Computer`,
    sql: () => `
SELECT DISTINCT TargetAccount, IpAddress, Computer
FROM SecurityEvent
WHERE EventID = 4624 AND LogonType = 10`,
  },
  {
    name: 'password_spray_aad',
    title: 'Entra ID password spray: IPs with bad-password failures against >= 10 users',
    tables: ['SigninLogs'],
    kql: `SigninLogs
| where TimeGenerated > ago(7d)
| where ResultType in ("50126", "50053")
| summarize Users = dcount(UserPrincipalName), Attempts = count(), LastSeen = max(TimeGenerated) by IPAddress
| where Users >= 10
| order by Users desc`,
    sql: (c) => `
SELECT IPAddress, count(DISTINCT UserPrincipalName) AS Users, count(*) AS Attempts, max(TimeGenerated) AS LastSeen
FROM SigninLogs
WHERE TimeGenerated > ${c.ago('7d')} AND ResultType IN ('50126', '50053')
GROUP BY IPAddress
HAVING count(DISTINCT UserPrincipalName) >= 10
ORDER BY Users DESC`,
  },
  {
    name: 'signin_multi_country',
    title: 'users signing in successfully from more than one country within an hour',
    tables: ['SigninLogs'],
    kql: `SigninLogs
| where TimeGenerated > ago(7d) and ResultType == "0"
| summarize Countries = dcount(Location), CountryList = make_set(Location) by UserPrincipalName, bin(TimeGenerated, 1h)
| where Countries > 1`,
    sql: (c) => `
SELECT UserPrincipalName, time_bucket(INTERVAL 1 HOUR, TimeGenerated) AS TimeGenerated,
       count(DISTINCT Location) AS Countries, list(DISTINCT Location) AS CountryList
FROM SigninLogs
WHERE TimeGenerated > ${c.ago('7d')} AND ResultType = '0'
GROUP BY ALL
HAVING count(DISTINCT Location) > 1`,
  },
  {
    name: 'signin_geo_dynamic',
    title: 'failed sign-ins by country and city read from the LocationDetails JSON',
    tables: ['SigninLogs'],
    kql: `SigninLogs
| where TimeGenerated > ago(7d) and ResultType != "0"
| extend Country = tostring(LocationDetails.countryOrRegion), City = tostring(LocationDetails.city)
| summarize Failures = count(), Users = dcount(UserPrincipalName) by Country, City`,
    sql: (c) => `
SELECT LocationDetails->>'countryOrRegion' AS Country, LocationDetails->>'city' AS City,
       count(*) AS Failures, count(DISTINCT UserPrincipalName) AS Users
FROM SigninLogs
WHERE TimeGenerated > ${c.ago('7d')} AND ResultType <> '0'
GROUP BY ALL`,
  },
  {
    name: 'ssh_failures_parse',
    title: "sshd 'Failed password' lines parsed into user and source IP",
    tables: ['Syslog'],
    kql: `Syslog
| where TimeGenerated > ago(7d)
| where Facility in ("auth", "authpriv") and ProcessName == "sshd"
| where SyslogMessage has "Failed password"
| parse SyslogMessage with * "Failed password for " User " from " SourceIP " port " *
| summarize Attempts = count(), Hosts = dcount(Computer) by User, SourceIP
| where Attempts >= 20`,
    sql: (c) => `
SELECT regexp_extract(SyslogMessage, 'Failed password for (.*?) from ', 1) AS "User",
       regexp_extract(SyslogMessage, ' from (.*?) port ', 1) AS SourceIP,
       count(*) AS Attempts, count(DISTINCT Computer) AS Hosts
FROM Syslog
WHERE TimeGenerated > ${c.ago('7d')} AND Facility IN ('auth', 'authpriv') AND ProcessName = 'sshd'
  AND contains(SyslogMessage, 'Failed password')
GROUP BY ALL
HAVING count(*) >= 20`,
  },
  {
    name: 'ufw_blocks_by_port',
    title: 'firewall (UFW) blocks by destination port, extracted from the message',
    tables: ['Syslog'],
    kql: `Syslog
| where SyslogMessage has "UFW BLOCK"
| extend DestinationPort = toint(extract(@"DPT=(\\d+)", 1, SyslogMessage)), SourceIP = extract(@"SRC=(\\S+)", 1, SyslogMessage)
| summarize Blocks = count(), Sources = dcount(SourceIP) by DestinationPort
| top 5 by Blocks`,
    sql: () => `
SELECT CAST(regexp_extract(SyslogMessage, 'DPT=(\\d+)', 1) AS INTEGER) AS DestinationPort,
       count(*) AS Blocks, count(DISTINCT regexp_extract(SyslogMessage, 'SRC=(\\S+)', 1)) AS Sources
FROM Syslog
WHERE contains(SyslogMessage, 'UFW BLOCK')
GROUP BY 1
ORDER BY Blocks DESC
LIMIT 5`,
  },
  {
    name: 'alert_host_events_join',
    title: 'alerts joined to the logon and process events on the same host in the hour before',
    tables: ['SecurityAlert', 'SecurityEvent'],
    kql: `SecurityAlert
| where TimeGenerated > ago(7d)
| project AlertTime = TimeGenerated, AlertName, AlertSeverity, Computer = CompromisedEntity
| join kind=inner (
    SecurityEvent
    | where TimeGenerated > ago(7d)
    | where EventID in (4624, 4625, 4688)
    | project EventTime = TimeGenerated, Computer, EventID, Account
  ) on Computer
| where EventTime between ((AlertTime - 1h) .. AlertTime)
| summarize Events = count(), Accounts = dcount(Account), Logons = countif(EventID == 4624), Failures = countif(EventID == 4625), Processes = countif(EventID == 4688) by AlertName, AlertTime, Computer`,
    sql: (c) => `
SELECT a.AlertName, a.TimeGenerated AS AlertTime, a.CompromisedEntity AS Computer,
       count(*) AS Events, count(DISTINCT e.Account) AS Accounts,
       count(*) FILTER (WHERE e.EventID = 4624) AS Logons,
       count(*) FILTER (WHERE e.EventID = 4625) AS Failures,
       count(*) FILTER (WHERE e.EventID = 4688) AS Processes
FROM SecurityAlert a
JOIN SecurityEvent e
  ON e.Computer = a.CompromisedEntity
 AND e.TimeGenerated BETWEEN a.TimeGenerated - INTERVAL 1 HOUR AND a.TimeGenerated
WHERE a.TimeGenerated > ${c.ago('7d')} AND e.TimeGenerated > ${c.ago('7d')} AND e.EventID IN (4624, 4625, 4688)
GROUP BY ALL`,
  },
  {
    name: 'top_talkers',
    title: 'top 10 source IPs by bytes through the firewalls in the last day',
    tables: ['CommonSecurityLog'],
    kql: `CommonSecurityLog
| where TimeGenerated > ago(1d)
| summarize TotalBytes = sum(SentBytes + ReceivedBytes), SentBytes = sum(SentBytes), Connections = count() by SourceIP
| top 10 by TotalBytes`,
    sql: (c) => `
SELECT SourceIP, sum(SentBytes + ReceivedBytes) AS TotalBytes, sum(SentBytes) AS SentBytes, count(*) AS Connections
FROM CommonSecurityLog
WHERE TimeGenerated > ${c.ago('1d')}
GROUP BY SourceIP
ORDER BY TotalBytes DESC
LIMIT 10`,
  },
  {
    name: 'denied_by_port',
    title: 'denied firewall connections by destination port and protocol',
    tables: ['CommonSecurityLog'],
    kql: `CommonSecurityLog
| where TimeGenerated > ago(7d)
| where DeviceAction in ("deny", "drop", "reset-both")
| summarize Denied = count(), Sources = dcount(SourceIP) by DestinationPort, Protocol
| order by Denied desc`,
    sql: (c) => `
SELECT DestinationPort, Protocol, count(*) AS Denied, count(DISTINCT SourceIP) AS Sources
FROM CommonSecurityLog
WHERE TimeGenerated > ${c.ago('7d')} AND DeviceAction IN ('deny', 'drop', 'reset-both')
GROUP BY ALL
ORDER BY Denied DESC`,
  },
  {
    name: 'beaconing_per_minute',
    title: 'outbound pairs active in >= 30 minutes of a day: spread of connections per minute',
    tables: ['CommonSecurityLog'],
    kql: `CommonSecurityLog
| where TimeGenerated > ago(1d)
| where CommunicationDirection == "Outbound"
| summarize Connections = count() by SourceIP, DestinationIP, bin(TimeGenerated, 1m)
| summarize ActiveMinutes = count(), Total = sum(Connections), AvgPerMinute = avg(Connections), StdevPerMinute = stdev(Connections) by SourceIP, DestinationIP
| where ActiveMinutes >= 30`,
    sql: (c) => `
WITH per_minute AS (
  SELECT SourceIP, DestinationIP, time_bucket(INTERVAL 1 MINUTE, TimeGenerated) AS minute, count(*) AS n
  FROM CommonSecurityLog
  WHERE TimeGenerated > ${c.ago('1d')} AND CommunicationDirection = 'Outbound'
  GROUP BY ALL
)
SELECT SourceIP, DestinationIP, count(*) AS ActiveMinutes, sum(n) AS Total, avg(n) AS AvgPerMinute, coalesce(stddev_samp(n), 0) AS StdevPerMinute
FROM per_minute
GROUP BY SourceIP, DestinationIP
HAVING count(*) >= 30`,
  },
  {
    name: 'beaconing_intervals',
    title: 'outbound pairs with >= 50 connections in a day: mean and stdev of the gaps between them',
    tables: ['CommonSecurityLog'],
    kql: `CommonSecurityLog
| where TimeGenerated > ago(1d)
| where CommunicationDirection == "Outbound"
| project TimeGenerated, SourceIP, DestinationIP
| sort by SourceIP asc, DestinationIP asc, TimeGenerated asc
| extend GapSeconds = iff(prev(SourceIP) == SourceIP and prev(DestinationIP) == DestinationIP, (TimeGenerated - prev(TimeGenerated)) / 1s, real(null))
| summarize Connections = count(), MeanGap = avg(GapSeconds), StdevGap = stdev(GapSeconds) by SourceIP, DestinationIP
| where Connections >= 50`,
    sql: (c) => `
WITH gaps AS (
  SELECT SourceIP, DestinationIP,
         (epoch_ns(TimeGenerated) - epoch_ns(lag(TimeGenerated) OVER (PARTITION BY SourceIP, DestinationIP ORDER BY TimeGenerated))) / 1e9 AS gap
  FROM CommonSecurityLog
  WHERE TimeGenerated > ${c.ago('1d')} AND CommunicationDirection = 'Outbound'
)
SELECT SourceIP, DestinationIP, count(*) AS Connections, avg(gap) AS MeanGap, coalesce(stddev_samp(gap), 0) AS StdevGap
FROM gaps
GROUP BY SourceIP, DestinationIP
HAVING count(*) >= 50`,
  },
  {
    name: 'rare_parent_child',
    title: 'rare parent -> child process pairs across devices (DeviceProcessEvents)',
    tables: ['DeviceProcessEvents'],
    kql: `DeviceProcessEvents
| where TimeGenerated > ago(7d)
| summarize Executions = count(), Devices = dcount(DeviceName), FirstSeen = min(TimeGenerated) by InitiatingProcessFileName, FileName
| where Executions < 100
| order by Executions asc`,
    sql: (c) => `
SELECT InitiatingProcessFileName, FileName, count(*) AS Executions, count(DISTINCT DeviceName) AS Devices, min(TimeGenerated) AS FirstSeen
FROM DeviceProcessEvents
WHERE TimeGenerated > ${c.ago('7d')}
GROUP BY ALL
HAVING count(*) < 100
ORDER BY Executions`,
  },
  {
    name: 'lolbin_has_any',
    title: 'LOLBin executions with suspicious arguments (in~ and has_any)',
    tables: ['DeviceProcessEvents'],
    kql: `DeviceProcessEvents
| where FileName in~ ("certutil.exe", "regsvr32.exe", "rundll32.exe", "mshta.exe", "vssadmin.exe")
| where ProcessCommandLine has_any ("urlcache", "scrobj.dll", "MiniDump", "shadows", "http")
| project TimeGenerated, DeviceName, AccountName, FileName, ProcessCommandLine, InitiatingProcessFileName`,
    sql: () => `
SELECT TimeGenerated, DeviceName, AccountName, FileName, ProcessCommandLine, InitiatingProcessFileName
FROM DeviceProcessEvents
WHERE lower(FileName) IN ('certutil.exe', 'regsvr32.exe', 'rundll32.exe', 'mshta.exe', 'vssadmin.exe')
  AND regexp_matches(ProcessCommandLine, '(?i)urlcache|scrobj\\.dll|minidump|shadows|http')`,
  },
];

import { jsonObj, TS, type Ctx, type TableGen } from '../context.ts';
import { HOSTS, ORG, OFFICES } from '../org.ts';
import { lit, makeDim, Pipe } from '../sql.ts';
import { attackerIp, FIRST_WS, laCommon, WORKSTATIONS } from './common.ts';

// name, type, answer prefix ('' = NXDOMAIN), weight
const NAMES: [string, string, string, number][] = [
  ['login.microsoftonline.com', 'A', '20.190.151.', 60],
  ['outlook.office365.com', 'A', '52.96.88.', 60],
  ['teams.microsoft.com', 'A', '52.112.0.', 40],
  ['www.google.com', 'A', '142.250.72.', 40],
  ['github.com', 'A', '140.82.112.', 8],
  ['settings-win.data.microsoft.com', 'A', '20.42.65.', 30],
  ['ctldl.windowsupdate.com', 'A', '23.215.0.', 20],
  ['lk-fs01.larkspur.example', 'A', '10.10.1.', 40],
  ['lk-sql01.larkspur.example', 'A', '10.10.2.', 15],
  ['_ldap._tcp.dc._msdcs.larkspur.example', 'SRV', '10.10.0.', 50],
  ['_kerberos._tcp.larkspur.example', 'SRV', '10.10.0.', 25],
  ['wpad.larkspur.example', 'A', '', 10],
  ['intranet.larkspur.example', 'A', '10.10.3.', 20],
  ['time.windows.com', 'A', '52.231.114.', 6],
  ['www.msftconnecttest.com', 'AAAA', '', 6],
  ['10.0.10.10.in-addr.arpa', 'PTR', '10.10.0.', 10],
  ['isatap.larkspur.example', 'A', '', 4],
  ['cdn-update.example', 'A', '198.51.100.', 0.2],
  ['{dga}.example', 'A', '', 0.3],
  ['{tun}.t.exfil-relay.example', 'TXT', '203.0.113.', 0.1],
];

export const dnsEvents: TableGen = {
  name: 'DnsEvents',
  share: 7,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const names = ctx.dim('dns:names', () => makeDim('dn', NAMES.map(([name, type, ans]) => ({ name, type, ans })), NAMES.map((x) => x[3]), 20000));
    const pipe = ctx
      .base('office', lo, hi, n)
      .pick(names, 'dn')
      .pick(ctx.hosts('hd', ['dc']), 'hd')
      .pick(ctx.hosts('hc', ['workstation', 'server']), 'hc')
      .extend({
        qn: `CASE WHEN dn_name LIKE '{dga}%' THEN ${r.hex('dga', 12)} || ${r.pick('tld', ['', 'x', 'q'])} || '.example'
          WHEN dn_name LIKE '{tun}%' THEN upper(${r.hex('t1', 16)} || ${r.hex('t2', 16)}) || '.t.exfil-relay.example' ELSE dn_name END`,
        nx: `dn_ans = ''`,
      });
    const cols: Record<string, string> = {
      ...laCommon('DnsEvents', `${r.int('size', 300, 600)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      SourceSystem: `'OpsManager'`,
      Computer: 'hd_fqdn',
      ClientIP: 'hc_ip',
      Name: 'qn',
      QueryType: 'dn_type',
      EventId: `CASE WHEN nx THEN 258 ELSE 257 END`,
      SubType: `'LookupQuery'`,
      TaskCategory: `'LookupQuery'`,
      Result: `CASE WHEN nx THEN 'Failed' ELSE 'Success' END`,
      ResultCode: `CASE WHEN nx THEN 3 ELSE 0 END`,
      IPAddresses: `CASE WHEN nx THEN '' ELSE dn_ans || (10 + ${r.m('oct', 200)})::VARCHAR END`,
      Severity: `CASE WHEN dn_name LIKE '{%' OR dn_name = 'cdn-update.example' THEN 2 ELSE 1 END`,
      MaliciousIP: `CASE WHEN dn_name LIKE '{tun}%' OR dn_name = 'cdn-update.example' THEN dn_ans || '77' ELSE '' END`,
      IndicatorThreatType: `CASE WHEN dn_name LIKE '{tun}%' THEN 'C2' WHEN dn_name = 'cdn-update.example' THEN 'Malware' ELSE '' END`,
      Confidence: `CASE WHEN dn_name LIKE '{tun}%' OR dn_name = 'cdn-update.example' THEN '75' ELSE '' END`,
      Description: `CASE WHEN dn_name LIKE '{tun}%' THEN 'DNS tunnelling relay' WHEN dn_name = 'cdn-update.example' THEN 'Malware download host' ELSE '' END`,
      _ResourceId: `'/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-servers/providers/microsoft.hybridcompute/machines/' || lower(hd_name)`,
    };
    return { pipe, cols };
  },
};

export const heartbeat: TableGen = {
  name: 'Heartbeat',
  share: 3,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const H = HOSTS.length;
    const beats = Math.max(1, Math.ceil(n / H));
    const spanNs = BigInt(Math.round(ctx.days * 86400)) * 1_000_000_000n;
    const step = (spanNs / BigInt(beats) / 100n) * 100n;
    // row i: host i % H, beat i // H, regular interval with a little jitter
    const pipe = new Pipe(`SELECT i FROM range(${lo}, ${hi}) r(i)`, r)
      .extend({ t_ns: `${ctx.startNs} + (i // ${H}) * ${step} + (i % ${H}) * ${step / BigInt(H + 1) / 100n * 100n} + ${r.m('jit', Number(step / BigInt(H + 1) / 100n) || 1)} * 100` })
      .join(ctx.hosts('h'), `i % ${H}`);
    const offices = OFFICES.map((o) => lit(o.egress)).join(', ');
    const cols: Record<string, string> = {
      ...laCommon('Heartbeat', `${r.int('size', 600, 800)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      SourceSystem: `CASE WHEN h_kind = 'linux' THEN 'Linux' ELSE 'OpsManager' END`,
      Computer: `CASE WHEN h_kind = 'linux' THEN h_name ELSE h_fqdn END`,
      ComputerIP: `list_element([${offices}], 1 + h_office)`,
      ComputerPrivateIPs: `'["' || h_ip || '"]'`,
      Category: `'Azure Monitor Agent'`,
      OSType: `CASE WHEN h_kind = 'linux' THEN 'Linux' ELSE 'Windows' END`,
      OSName: 'h_os',
      OSMajorVersion: `CASE WHEN h_kind = 'linux' THEN split_part(h_osver, '.', 1) ELSE '10' END`,
      OSMinorVersion: `CASE WHEN h_kind = 'linux' THEN split_part(h_osver, '.', 2) ELSE '0' END`,
      Version: `CASE WHEN h_kind = 'linux' THEN '1.33.2' ELSE '1.31.0.0' END`,
      ComputerEnvironment: `'Non-Azure'`,
      ResourceProvider: `'Microsoft.HybridCompute'`,
      ResourceType: `'machines'`,
      ResourceGroup: `CASE WHEN h_kind = 'linux' THEN 'lk-linux' ELSE 'lk-servers' END`,
      SubscriptionId: lit(ORG.subscriptionId),
      Resource: 'lower(h_name)',
      ResourceId: `'/subscriptions/${ORG.subscriptionId}/resourceGroups/' || (CASE WHEN h_kind = 'linux' THEN 'lk-linux' ELSE 'lk-servers' END) || '/providers/Microsoft.HybridCompute/machines/' || lower(h_name)`,
      _ResourceId: `'/subscriptions/${ORG.subscriptionId}/resourcegroups/' || (CASE WHEN h_kind = 'linux' THEN 'lk-linux' ELSE 'lk-servers' END) || '/providers/microsoft.hybridcompute/machines/' || lower(h_name)`,
      IsGatewayInstalled: 'FALSE',
      RemoteIPCountry: `list_element([${OFFICES.map((o) => lit(o.countryName)).join(', ')}], 1 + h_office)`,
      RemoteIPLatitude: `list_element([${OFFICES.map((o) => o.lat).join(', ')}], 1 + h_office)`,
      RemoteIPLongitude: `list_element([${OFFICES.map((o) => o.lon).join(', ')}], 1 + h_office)`,
      Solutions: `'"security", "changeTracking", "updates"'`,
      SCAgentChannel: `''`,
      VMUUID: 'h_agent',
      ManagementGroupName: `''`,
    };
    return { pipe, cols };
  },
};

// name, severity, provider, product, tactics, techniques, entity kind, description, weight
const ALERTS: [string, string, string, string, string, string, string, string, number][] = [
  ['Brute force attack against a Remote Desktop gateway', 'Medium', 'ASI Scheduled Alerts', 'Azure Sentinel', 'CredentialAccess', '["T1110"]', 'host-ip', 'Many failed RDP logons from one external address.', 10],
  ['Password spray against Entra ID accounts', 'Medium', 'ASI Scheduled Alerts', 'Azure Sentinel', 'CredentialAccess', '["T1110"]', 'account-ip', 'Failed sign-ins for many accounts from one address.', 8],
  ['Multiple failed SSH logins on Linux host', 'Low', 'ASI Scheduled Alerts', 'Azure Sentinel', 'CredentialAccess', '["T1110"]', 'host-ip', 'SSH authentication failures from an external address.', 14],
  ['Suspicious PowerShell command line', 'High', 'MDATP', 'Microsoft Defender Advanced Threat Protection', 'Execution', '["T1059"]', 'host-account', 'PowerShell launched with an encoded command by an Office application.', 4],
  ['Unfamiliar sign-in properties', 'Low', 'IPC', 'Azure Active Directory Identity Protection', 'InitialAccess', '["T1078"]', 'account-ip', 'Sign-in with properties not seen recently for this user.', 10],
  ['Impossible travel activity', 'Medium', 'MCAS', 'Microsoft Cloud App Security', 'InitialAccess', '["T1078"]', 'account-ip', 'Sign-ins from distant locations within a short time.', 5],
  ['Connection to a known malicious IP address', 'Medium', 'ASI Scheduled Alerts', 'Azure Sentinel', 'CommandAndControl', '["T1071"]', 'host-ip', 'Traffic to an address listed in threat intelligence.', 5],
  ['Security event log cleared', 'Medium', 'ASI Scheduled Alerts', 'Azure Sentinel', 'DefenseEvasion', '["T1070"]', 'host-account', 'The Windows Security log was cleared.', 2],
  ['User added to privileged group', 'Medium', 'ASI Scheduled Alerts', 'Azure Sentinel', 'Persistence,PrivilegeEscalation', '["T1098"]', 'host-account', 'An account was added to a privileged group.', 3],
  ['Credential dumping tool detected', 'High', 'MDATP', 'Microsoft Defender Advanced Threat Protection', 'CredentialAccess', '["T1003"]', 'host-account', 'A known credential theft tool ran on the device.', 1],
  ['Suspicious service installation', 'Medium', 'MDATP', 'Microsoft Defender Advanced Threat Protection', 'Persistence', '["T1543"]', 'host-account', 'A service with a command-line payload was installed.', 2],
  ['DNS tunnelling activity', 'Medium', 'ASI Scheduled Alerts', 'Azure Sentinel', 'Exfiltration', '["T1048"]', 'host-ip', 'Long random DNS names to a single domain.', 2],
];

export const securityAlert: TableGen = {
  name: 'SecurityAlert',
  share: 0.02,
  min: 20,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const alerts = ctx.dim('sa:alerts', () =>
      makeDim('al', ALERTS.map(([name, sev, prov, prod, tac, tech, ent, desc]) => ({ name, sev, prov, prod, tac, tech, ent, desc })), ALERTS.map((a) => a[8]), 1000),
    );
    const pipe = ctx
      .base('flat', lo, hi, n)
      .pick(alerts, 'al')
      .pick(ctx.users('u'), 'u')
      .join(ctx.hosts('h'), `CASE WHEN al_name LIKE '%SSH%' THEN ${HOSTS.find((h) => h.name === 'lk-bastion-01')!.idx} WHEN al_name LIKE '%Remote Desktop%' THEN ${HOSTS.find((h) => h.name === 'LK-RDS01')!.idx}
        WHEN u_ws >= 0 THEN u_ws ELSE ${FIRST_WS} + ${r.m('ws', WORKSTATIONS.length)} END`)
      .extend({ aip: attackerIp(r, 'aip'), sid: r.guid('sid') });
    const hostEnt = jsonObj([['$id', `'2'`, 's'], ['HostName', 'h_name', 's'], ['DnsDomain', lit(ORG.domain), 's'], ['OSFamily', `CASE WHEN h_kind = 'linux' THEN 'Linux' ELSE 'Windows' END`, 's'], ['Type', `'host'`, 's']]);
    const acctEnt = jsonObj([['$id', `'3'`, 's'], ['Name', 'u_sam', 's'], ['UPNSuffix', lit(ORG.domain), 's'], ['AadUserId', 'u_oid', 's'], ['Type', `'account'`, 's']]);
    const ipEnt = jsonObj([['$id', `'4'`, 's'], ['Address', 'aip', 's'], ['Type', `'ip'`, 's']]);
    const entities = `'[' || (CASE al_ent WHEN 'host-ip' THEN ${hostEnt} || ',' || ${ipEnt} WHEN 'account-ip' THEN ${acctEnt} || ',' || ${ipEnt} ELSE ${hostEnt} || ',' || ${acctEnt} END) || ']'`;
    const cols: Record<string, string> = {
      ...laCommon('SecurityAlert', `${r.int('size', 3000, 9000)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      StartTime: TS(`t_ns - ${r.int('st', 60, 7200)} * 1000000000`),
      EndTime: TS(`t_ns - ${r.int('et', 1, 59)} * 1000000000`),
      ProcessingEndTime: TS(`t_ns + ${r.int('pe', 1, 120)} * 1000000000`),
      AlertName: 'al_name',
      DisplayName: 'al_name',
      AlertType: `CASE al_prov WHEN 'ASI Scheduled Alerts' THEN '${ORG.workspaceId}_' || md5(al_name) ELSE replace(al_name, ' ', '') END`,
      AlertSeverity: 'al_sev',
      Description: 'al_desc',
      ProviderName: 'al_prov',
      ProductName: 'al_prod',
      ProductComponentName: `CASE al_prov WHEN 'ASI Scheduled Alerts' THEN 'Scheduled Alerts' ELSE '' END`,
      VendorName: `'Microsoft'`,
      VendorOriginalId: r.guid('vid'),
      SystemAlertId: 'sid',
      Status: r.wpick('status', [['New', 60], ['InProgress', 15], ['Resolved', 25]]),
      ConfidenceLevel: `'Unknown'`,
      ConfidenceScore: 'NULL',
      IsIncident: 'FALSE',
      Tactics: 'al_tac',
      Techniques: 'al_tech',
      SubTechniques: `''`,
      CompromisedEntity: `CASE WHEN al_ent = 'account-ip' THEN u_upn ELSE h_fqdn END`,
      Entities: entities,
      ExtendedProperties: `'{"Query Period":"05:00:00","Trigger Operator":"GreaterThan","Trigger Threshold":"0","Search Query Results Overall Count":"' || ${r.int('cnt', 1, 400)}::VARCHAR || '"}'`,
      RemediationSteps: `'["Review the entities involved.","Reset credentials if compromise is confirmed."]'`,
      AlertLink: `CASE WHEN al_prov = 'MDATP' THEN 'https://security.microsoft.com/alerts/da' || replace(sid, '-', '') ELSE '' END`,
      WorkspaceSubscriptionId: lit(ORG.subscriptionId),
      WorkspaceResourceGroup: `'lk-security'`,
      ResourceId: `''`,
      SourceComputerId: `CASE WHEN al_ent <> 'account-ip' THEN h_agent ELSE '' END`,
    };
    return { pipe, cols };
  },
};

import { TS, type Ctx, type TableGen } from '../context.ts';
import { ORG } from '../org.ts';
import { lit, makeDim } from '../sql.ts';
import { attackerIp, FIRST_WS, laCommon, WORKSTATIONS } from './common.ts';

/** Public destinations (cloud/CDN ranges) as prefixes. */
const CLOUD = ['13.107.6.', '13.107.42.', '20.190.151.', '40.126.31.', '52.96.88.', '52.112.0.', '142.250.72.', '142.251.32.', '151.101.1.', '104.16.132.', '140.82.112.', '35.186.224.', '23.215.0.', '17.253.144.'];

// direction, dport, protocol, app, weight, deny probability, median sent bytes
const FLOWS: [string, number, string, string, number, number, number][] = [
  ['outbound', 443, 'TCP', 'ssl', 420, 0.01, 2200],
  ['outbound', 80, 'TCP', 'web-browsing', 60, 0.03, 900],
  ['outbound', 53, 'UDP', 'dns', 80, 0.005, 70],
  ['outbound', 123, 'UDP', 'ntp', 10, 0, 90],
  ['outbound', 443, 'UDP', 'quic', 40, 0.5, 1500],
  ['outbound', 3478, 'UDP', 'ms-teams-audio-video', 20, 0, 40000],
  ['outbound', 22, 'TCP', 'ssh', 3, 0.6, 3000],
  ['outbound', 25, 'TCP', 'smtp', 2, 0.9, 2000],
  ['outbound', 445, 'TCP', 'ms-ds-smb', 0.5, 1, 200],
  ['outbound', 4444, 'TCP', 'unknown-tcp', 0.05, 0.3, 5000],
  ['inbound', 443, 'TCP', 'ssl', 60, 0.02, 1400],
  ['inbound', 22, 'TCP', 'ssh', 25, 0.6, 600],
  ['inbound', 3389, 'TCP', 'ms-rdp', 20, 0.7, 1200],
  ['inbound', 23, 'TCP', 'telnet', 12, 1, 60],
  ['inbound', 445, 'TCP', 'ms-ds-smb', 10, 1, 60],
  ['inbound', 1433, 'TCP', 'mssql-db', 5, 1, 60],
  ['inbound', 5900, 'TCP', 'vnc', 4, 1, 60],
  ['inbound', 8080, 'TCP', 'web-browsing', 6, 1, 60],
  ['inbound', 25, 'TCP', 'smtp', 8, 0.1, 12000],
  ['internal', 445, 'TCP', 'ms-ds-smb', 50, 0.01, 9000],
  ['internal', 389, 'TCP', 'ldap', 40, 0, 1200],
  ['internal', 88, 'TCP', 'kerberos', 35, 0, 1500],
  ['internal', 135, 'TCP', 'msrpc-base', 20, 0.02, 900],
  ['internal', 1433, 'TCP', 'mssql-db', 15, 0.05, 5000],
  ['internal', 3389, 'TCP', 'ms-rdp', 6, 0.2, 30000],
  ['internal', 5985, 'TCP', 'ms-win-remote-mgmt', 2, 0.3, 4000],
  ['internal', 161, 'UDP', 'snmp', 8, 0, 120],
];
// vendor, product, version, device name, allow, deny, share
const FIREWALLS: [string, string, string, string, string, string, number][] = [
  ['Palo Alto Networks', 'PAN-OS', '10.2.9', 'LK-PA-FW01', 'allow', 'deny', 50],
  ['Palo Alto Networks', 'PAN-OS', '10.2.9', 'LK-PA-FW02', 'allow', 'drop', 22],
  ['Fortinet', 'Fortigate', 'v7.2.8', 'LK-FGT-LON01', 'accept', 'deny', 28],
];
const VIPS = ['192.0.2.80', '192.0.2.81', '192.0.2.82', '192.0.2.83'];
const DMZ = ['172.16.10.10', '172.16.10.20', '172.16.10.30', '172.16.10.31'];

export const commonSecurityLog: TableGen = {
  name: 'CommonSecurityLog',
  share: 26,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const flows = ctx.dim('csl:flows', () => makeDim('fl', FLOWS.map(([dir, port, proto, app, , deny, bytes]) => ({ dir, port, proto, app, deny, bytes })), FLOWS.map((f) => f[4]), 20000));
    const fws = ctx.dim('csl:fw', () => makeDim('fw', FIREWALLS.map(([v, p, ver, name, allow, deny]) => ({ v, p, ver, name, allow, deny })), FIREWALLS.map((f) => f[6]), 100));
    const pipe = ctx
      .base('mixed', lo, hi, n)
      .pick(flows, 'fl')
      .pick(fws, 'fw')
      .pick(ctx.users('u'), 'u')
      .pick(ctx.hosts('hs', ['server', 'dc']), 'hs')
      .join(ctx.hosts('sw'), `CASE WHEN u_ws >= 0 AND ${r.chance('own', 0.8)} THEN u_ws ELSE ${FIRST_WS} + ${r.m('ws', WORKSTATIONS.length)} END`)
      .extend({
        threat: `fl_dir <> 'internal' AND ${r.chance('thr', 0.008)}`,
        denied: `${r.u('deny')} < fl_deny`,
        vip: r.m('vip', VIPS.length),
        usr: `fl_dir <> 'inbound' AND ${r.chance('usr', 0.7)}`,
      })
      .extend({
        src: `CASE WHEN fl_dir = 'inbound' THEN (CASE WHEN ${r.chance('ina', 0.5)} THEN ${attackerIp(r, 'aip')} ELSE (CASE WHEN ${r.chance('inb', 0.5)} THEN '203.0.113.' ELSE '198.51.100.' END) || (1 + ${r.m('ino', 254)})::VARCHAR END)
          WHEN ${r.chance('srv', 0.2)} THEN hs_ip ELSE sw_ip END`,
        dst: `CASE WHEN fl_dir = 'inbound' THEN list_element([${VIPS.map(lit).join(', ')}], 1 + vip) WHEN fl_dir = 'internal' THEN hs_ip
          WHEN threat THEN ${attackerIp(r, 'tip')}
          WHEN fl_port = 53 THEN '10.10.0.10'
          ELSE ${r.pick('cl', CLOUD)} || (1 + ${r.m('clo', 250)})::VARCHAR END`,
        sent: `CASE WHEN denied THEN (CASE WHEN fl_proto = 'TCP' THEN 74 ELSE fl_bytes // 2 END) ELSE (${r.lognormal(1, 1, 1.1)} * fl_bytes)::BIGINT END`,
        recv: `CASE WHEN denied THEN 0 ELSE (${r.lognormal(2, 1, 1.6)} * fl_bytes * (CASE WHEN fl_dir = 'outbound' THEN 6 ELSE 2 END))::BIGINT END`,
      });
    const action = `CASE WHEN threat THEN (CASE WHEN denied OR ${r.chance('tblk', 0.6)} THEN 'reset-both' ELSE 'alert' END) WHEN denied THEN fw_deny ELSE fw_allow END`;
    const pan = `fw_v = 'Palo Alto Networks'`;
    const cols: Record<string, string> = {
      ...laCommon('CommonSecurityLog', `${r.int('size', 1200, 2600)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      SourceSystem: `'OpsManager'`,
      Computer: `'lk-mon-01'`,
      CollectorHostName: `'lk-mon-01'`,
      _ResourceId: `'/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-linux/providers/microsoft.hybridcompute/machines/lk-mon-01'`,
      DeviceVendor: 'fw_v',
      DeviceProduct: 'fw_p',
      DeviceVersion: 'fw_ver',
      DeviceName: 'fw_name',
      DeviceAddress: `CASE fw_name WHEN 'LK-PA-FW01' THEN '10.10.255.1' WHEN 'LK-PA-FW02' THEN '10.10.255.2' ELSE '10.40.255.1' END`,
      DeviceEventClassID: `CASE WHEN threat THEN (CASE WHEN ${pan} THEN 'THREAT' ELSE '0419016384' END) WHEN ${pan} THEN 'TRAFFIC' ELSE '0000000013' END`,
      Activity: `CASE WHEN threat THEN (CASE WHEN ${pan} THEN 'THREAT' ELSE 'utm:ips signature' END) WHEN ${pan} THEN (CASE WHEN denied THEN 'deny' ELSE 'end' END) ELSE 'traffic:forward ' || (CASE WHEN denied THEN 'deny' ELSE 'close' END) END`,
      LogSeverity: `CASE WHEN threat THEN ${r.pick('sev', ['7', '8', '10'])} WHEN denied THEN '3' ELSE '1' END`,
      DeviceAction: action,
      SimplifiedDeviceAction: `CASE WHEN threat AND NOT denied THEN 'Alert' WHEN denied OR threat THEN 'Deny' ELSE 'Allow' END`,
      SourceIP: 'src',
      SourcePort: `${r.int('sport', 49152, 65535)}::INTEGER`,
      DestinationIP: 'dst',
      DestinationPort: 'fl_port',
      DestinationTranslatedAddress: `CASE WHEN fl_dir = 'inbound' THEN list_element([${DMZ.map(lit).join(', ')}], 1 + vip) ELSE '' END`,
      DestinationTranslatedPort: `CASE WHEN fl_dir = 'inbound' THEN fl_port ELSE NULL END`,
      SourceTranslatedAddress: `CASE WHEN fl_dir = 'outbound' AND NOT denied THEN (CASE WHEN fw_name = 'LK-FGT-LON01' THEN '192.0.2.30' ELSE '192.0.2.10' END) ELSE '' END`,
      SourceTranslatedPort: `CASE WHEN fl_dir = 'outbound' AND NOT denied THEN ${r.int('tport', 1024, 65535)} ELSE NULL END`,
      Protocol: 'fl_proto',
      ApplicationProtocol: 'fl_app',
      CommunicationDirection: `CASE fl_dir WHEN 'inbound' THEN 'Inbound' WHEN 'outbound' THEN 'Outbound' ELSE 'Internal' END`,
      SentBytes: 'sent',
      ReceivedBytes: 'recv',
      SourceUserName: `CASE WHEN usr THEN lower(${lit(ORG.netbios)}) || '\\' || u_sam ELSE '' END`,
      SourceHostName: `CASE WHEN usr THEN sw_name ELSE '' END`,
      DeviceInboundInterface: `CASE WHEN fl_dir = 'inbound' THEN 'ethernet1/1' ELSE 'ethernet1/2' END`,
      DeviceOutboundInterface: `CASE WHEN fl_dir = 'outbound' THEN 'ethernet1/1' WHEN fl_dir = 'inbound' THEN 'ethernet1/3' ELSE 'ethernet1/4' END`,
      DeviceCustomString1: `CASE WHEN denied THEN 'interzone-default' WHEN fl_dir = 'inbound' THEN 'dmz-inbound-web' WHEN fl_dir = 'internal' THEN 'corp-to-servers' ELSE 'corp-internet-egress' END`,
      DeviceCustomString1Label: `'Rule'`,
      DeviceCustomString3: `CASE WHEN ${pan} THEN 'vsys1' ELSE '' END`,
      DeviceCustomString3Label: `CASE WHEN ${pan} THEN 'Virtual System' ELSE '' END`,
      DeviceCustomString4: `CASE fl_dir WHEN 'inbound' THEN 'untrust' ELSE 'trust' END`,
      DeviceCustomString4Label: `'Source Zone'`,
      DeviceCustomString5: `CASE fl_dir WHEN 'inbound' THEN 'dmz' WHEN 'internal' THEN 'servers' ELSE 'untrust' END`,
      DeviceCustomString5Label: `'Destination Zone'`,
      DeviceCustomNumber1: `CASE WHEN denied THEN 0 ELSE ${r.int('dur', 0, 600)} END`,
      DeviceCustomNumber1Label: `'Elapsed time in seconds'`,
      EventCount: '1',
      ReceiptTime: `strftime(${TS('t_ns')}, '%b %d %Y %H:%M:%S')`,
      StartTime: TS('t_ns'),
      EndTime: TS('t_ns'),
      DeviceExternalID: `CASE fw_name WHEN 'LK-FGT-LON01' THEN 'FG100FTK2209A1B7' ELSE '0079013' || (CASE fw_name WHEN 'LK-PA-FW01' THEN '41' ELSE '42' END) || '118' END`,
      ExtID: `${r.int('extid', 1000000, 9999999)}::VARCHAR`,
      Message: `CASE WHEN threat THEN ${r.pick('tmsg', ['Microsoft Windows SMB Remote Code Execution Vulnerability', 'Suspicious DNS query (generic:a1b2c3.example)', 'Cobalt Strike Beacon Command and Control Traffic Detection', 'HTTP Directory Traversal Request Attempt', 'SSH User Authentication Brute Force Attempt'])} ELSE '' END`,
      ThreatSeverity: `CASE WHEN threat THEN ${r.int('tsev', 3, 5)} ELSE NULL END`,
      IndicatorThreatType: `CASE WHEN threat AND ${r.chance('tii', 0.5)} THEN ${r.pick('itt', ['Botnet', 'C2', 'MaliciousUrl', 'Phishing'])} ELSE '' END`,
      MaliciousIP: `CASE WHEN threat AND fl_dir = 'outbound' THEN dst WHEN threat THEN src ELSE '' END`,
      MaliciousIPCountry: `CASE WHEN threat THEN ${r.pick('mic', ['Russia', 'China', 'Romania', 'Nigeria'])} ELSE '' END`,
      RequestURL: `CASE WHEN threat AND fl_port IN (80, 443) THEN 'http://' || dst || '/' || ${r.pick('url', ['wp-login.php', 'admin/config.php', '../../etc/passwd', 'jquery-3.3.1.min.js', 'updates/check'])} ELSE '' END`,
    };
    return { pipe, cols };
  },
};

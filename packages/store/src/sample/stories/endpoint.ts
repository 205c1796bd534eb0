/**
 * Story rows on Windows hosts: the encoded PowerShell download cradle
 * (SecurityEvent 4688, DeviceProcessEvents, its DNS lookup and connection),
 * the rare parent-child pair (sqlservr.exe -> cmd.exe), the new local
 * administrator (4720, 4732) and the cleared Security log (1102).
 */
import { HOSTS, ORG, SERVICE_ACCOUNTS, hexOf, type Host, type User } from '../org.ts';
import type { Cell, StoryRow } from './cells.ts';
import type { StoryPlan } from './plan.ts';

const SYS32 = 'C:\\Windows\\System32\\';
const CMD = `${SYS32}cmd.exe`;
const PS = `${SYS32}WindowsPowerShell\\v1.0\\powershell.exe`;
const EXPLORER = 'C:\\Windows\\explorer.exe';
const SQLSERVR = 'C:\\Program Files\\Microsoft SQL Server\\MSSQL16.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe';

const hex = (n: number) => `0x${n.toString(16)}`;
const file = (p: string) => p.slice(p.lastIndexOf('\\') + 1);
const adminSid = (u: User) => `${ORG.domainSid}-${2100 + u.idx}`;

interface Subject { name: string; domain: string; sid: string; logonId: string }

const EVENT_TEXT: Record<number, [string, number]> = {
  4688: ['A new process has been created.', 13312],
  4720: ['A user account was created.', 13824],
  4732: ['A member was added to a security-enabled local group.', 13826],
  1102: ['The audit log was cleared.', 104],
};

function securityEvent(plan: StoryPlan, story: string, at: bigint, host: Host, id: number, who: Subject, extra: Record<string, Cell>): StoryRow {
  const [text, task] = EVENT_TEXT[id]!;
  const rec = parseInt(hexOf(`rec:${plan.seed}:${story}:${at}`).slice(0, 7), 16) % 90_000_000 + 1_000_000;
  const account = `${who.domain}\\${who.name}`;
  return {
    table: 'SecurityEvent',
    story,
    cells: {
      TenantId: ORG.workspaceId, Type: 'SecurityEvent', _BilledSize: 1400, _IsBillable: 'True', _SubscriptionId: ORG.subscriptionId,
      TimeGenerated: { ns: at },
      SourceSystem: 'OpsManager',
      Computer: host.fqdn,
      EventSourceName: id === 1102 ? 'Microsoft-Windows-Eventlog' : 'Microsoft-Windows-Security-Auditing',
      Channel: 'Security',
      EventID: id,
      Activity: `${id} - ${text}`,
      Task: task,
      Level: '8',
      Keywords: '0x8020000000000000',
      EventRecordId: String(rec),
      Version: id === 4688 ? 1 : 0,
      ManagementGroupName: `AOI-${ORG.workspaceId}`,
      SourceComputerId: host.agentId,
      _ResourceId: `/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-servers/providers/microsoft.hybridcompute/machines/${host.name.toLowerCase()}`,
      SystemProcessId: 4,
      SystemThreadId: 100 + (rec % 9000),
      Account: account,
      AccountType: 'User',
      AccountName: who.name,
      AccountDomain: who.domain,
      SubjectUserName: who.name,
      SubjectDomainName: who.domain,
      SubjectUserSid: who.sid,
      SubjectLogonId: who.logonId,
      SubjectAccount: account,
      ...extra,
    },
  };
}

function process4688(plan: StoryPlan, story: string, at: bigint, host: Host, who: Subject, path: string, cmd: string, parent: string, pid: number, ppid: number, elevated: boolean): StoryRow {
  return securityEvent(plan, story, at, host, 4688, who, {
    Process: file(parent),
    NewProcessName: path,
    NewProcessId: hex(pid),
    CommandLine: cmd,
    ParentProcessName: parent,
    ProcessId: hex(ppid),
    TokenElevationType: elevated ? '%%1936' : '%%1938',
    MandatoryLabel: elevated ? 'S-1-16-12288' : 'S-1-16-8192',
  });
}

interface DeviceProc { path: string; cmd: string; pid: number; at: bigint; parent: string; parentCmd: string; parentPid: number; parentAt: bigint; grandparent: string }

function deviceCommon(plan: StoryPlan, table: string, host: Host, at: bigint, key: string): Record<string, Cell> {
  return {
    TenantId: ORG.tenantId, Type: table, _BilledSize: 2600, _IsBillable: 'True', _SubscriptionId: ORG.subscriptionId,
    TimeGenerated: { ns: at }, Timestamp: { ns: at },
    DeviceId: host.deviceId,
    DeviceName: host.fqdn.toLowerCase(),
    MachineGroup: host.kind === 'workstation' ? 'Larkspur Workstations' : 'Larkspur Servers',
    ReportId: parseInt(hexOf(`report:${plan.seed}:${key}`).slice(0, 8), 16) % 9_000_000_000,
    SourceSystem: '',
  };
}

function userAccount(u: User, prefix: string): Record<string, Cell> {
  return {
    [`${prefix}AccountName`]: u.sam,
    [`${prefix}AccountDomain`]: ORG.netbios.toLowerCase(),
    [`${prefix}AccountSid`]: u.sid,
    [`${prefix}AccountUpn`]: u.upn,
    [`${prefix}AccountObjectId`]: u.objectId,
  };
}

/** The initiating process columns both Device tables have. */
function initiating(p: Pick<DeviceProc, 'parent' | 'parentCmd' | 'parentPid' | 'parentAt' | 'grandparent'>, u: User): Record<string, Cell> {
  return {
    InitiatingProcessFileName: file(p.parent),
    InitiatingProcessFolderPath: p.parent.toLowerCase(),
    InitiatingProcessCommandLine: p.parentCmd,
    InitiatingProcessId: p.parentPid,
    InitiatingProcessCreationTime: { ns: p.parentAt },
    InitiatingProcessParentFileName: p.grandparent,
    InitiatingProcessSHA256: hexOf(`file:${file(p.parent)}:`),
    InitiatingProcessSHA1: hexOf(`file:${file(p.parent)}:`).slice(0, 40),
    InitiatingProcessMD5: hexOf(`file:${file(p.parent)}:`).slice(24, 56),
    InitiatingProcessIntegrityLevel: 'Medium',
    InitiatingProcessTokenElevation: 'TokenElevationTypeLimited',
    InitiatingProcessVersionInfoCompanyName: 'Microsoft Corporation',
    InitiatingProcessVersionInfoProductName: 'Microsoft® Windows® Operating System',
    InitiatingProcessVersionInfoOriginalFileName: file(p.parent),
    InitiatingProcessVersionInfoProductVersion: '10.0.22621.4541',
    ...userAccount(u, 'InitiatingProcess'),
  };
}

function deviceProcess(plan: StoryPlan, host: Host, u: User, p: DeviceProc, logonId: number, key: string): StoryRow {
  const f = file(p.path);
  const sha = hexOf(`file:${f}:`);
  return {
    table: 'DeviceProcessEvents',
    story: 'encoded-powershell',
    cells: {
      ...deviceCommon(plan, 'DeviceProcessEvents', host, p.at, key),
      ActionType: 'ProcessCreated',
      FileName: f,
      FolderPath: p.path,
      ProcessCommandLine: p.cmd,
      ProcessId: p.pid,
      ProcessCreationTime: { ns: p.at },
      ProcessIntegrityLevel: 'Medium',
      ProcessTokenElevation: 'TokenElevationTypeLimited',
      ProcessVersionInfoCompanyName: 'Microsoft Corporation',
      ProcessVersionInfoProductName: 'Microsoft® Windows® Operating System',
      ProcessVersionInfoProductVersion: '10.0.22621.4541',
      ProcessVersionInfoFileDescription: f.replace(/\.exe$/i, ''),
      ProcessVersionInfoOriginalFileName: f,
      ProcessVersionInfoInternalFileName: f.replace(/\.exe$/i, ''),
      SHA256: sha, SHA1: hexOf(`file:${f}:`, 'sha1'), MD5: hexOf(`file:${f}:`, 'md5'),
      FileSize: f === 'cmd.exe' ? 289_792 : 455_680,
      LogonId: logonId,
      ...userAccount(u, ''),
      ...initiating(p, u),
      InitiatingProcessLogonId: logonId,
      InitiatingProcessSignatureStatus: 'Valid',
      InitiatingProcessSignerType: 'OsVendor',
    },
  };
}

export function endpointRows(plan: StoryPlan): StoryRow[] {
  const out: StoryRow[] = [];
  const v = plan.victim;
  const w = plan.victimHost;
  const c = plan.cradle;
  const vSubject: Subject = { name: v.sam, domain: ORG.netbios, sid: v.sid, logonId: hex(c.logonId) };

  // encoded PowerShell: explorer.exe -> cmd.exe -> powershell.exe -Enc <UTF-16LE base64>
  const psCmd = `powershell.exe -NoP -NonI -W Hidden -Enc ${c.b64}`;
  const cmdCmd = `"C:\\Windows\\system32\\cmd.exe" /c ${psCmd}`;
  const explorerPid = c.parentPid;
  out.push(process4688(plan, 'encoded-powershell', c.cmd, w, vSubject, CMD, cmdCmd, EXPLORER, c.cmdPid, explorerPid, false));
  out.push(process4688(plan, 'encoded-powershell', c.ps, w, vSubject, PS, psCmd, CMD, c.psPid, c.cmdPid, false));
  const explorerAt = c.cmd - 3_600_000_000_000n * 3n;
  out.push(deviceProcess(plan, w, v, { path: CMD, cmd: cmdCmd, pid: c.cmdPid, at: c.cmd, parent: EXPLORER, parentCmd: 'C:\\Windows\\Explorer.EXE', parentPid: explorerPid, parentAt: explorerAt, grandparent: 'userinit.exe' }, c.logonId, 'dpe:cmd'));
  out.push(deviceProcess(plan, w, v, { path: PS, cmd: psCmd, pid: c.psPid, at: c.ps, parent: CMD, parentCmd: cmdCmd, parentPid: c.cmdPid, parentAt: c.cmd, grandparent: 'explorer.exe' }, c.logonId, 'dpe:ps'));
  out.push({
    table: 'DeviceNetworkEvents',
    story: 'encoded-powershell',
    cells: {
      ...deviceCommon(plan, 'DeviceNetworkEvents', w, c.connect, 'dne'),
      ActionType: 'ConnectionSuccess',
      LocalIP: w.ip, LocalPort: 49152 + (c.psPid % 16000), LocalIPType: 'Private',
      RemoteIP: c.c2Ip, RemotePort: 80, RemoteIPType: 'Public', RemoteUrl: c.domain, Protocol: 'Tcp',
      ...initiating({ parent: PS, parentCmd: psCmd, parentPid: c.psPid, parentAt: c.ps, grandparent: 'cmd.exe' }, v),
    },
  });
  const dc = HOSTS.find((h) => h.name === 'LK-DC01')!;
  out.push({
    table: 'DnsEvents',
    story: 'encoded-powershell',
    cells: {
      TenantId: ORG.workspaceId, Type: 'DnsEvents', _BilledSize: 420, _IsBillable: 'True', _SubscriptionId: ORG.subscriptionId,
      TimeGenerated: { ns: c.dns }, SourceSystem: 'OpsManager', Computer: dc.fqdn, ClientIP: w.ip, Name: c.domain, QueryType: 'A',
      EventId: 257, SubType: 'LookupQuery', TaskCategory: 'LookupQuery', Result: 'Success', ResultCode: 0, IPAddresses: c.c2Ip, Severity: 1,
      _ResourceId: `/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-servers/providers/microsoft.hybridcompute/machines/${dc.name.toLowerCase()}`,
    },
  });

  // rare pair: SQL Server spawns a shell (xp_cmdshell)
  const r = plan.rare;
  const svc = SERVICE_ACCOUNTS.find((s) => s.sam === 'svc_sql')!;
  out.push(process4688(plan, 'rare-parent-child', r.at, r.host, { name: svc.sam, domain: ORG.netbios, sid: svc.sid, logonId: hex(0x3e4 + r.pid) }, CMD, r.command, SQLSERVR, r.pid, r.parentPid, true));

  // new local administrator, then the Security log cleared by it
  const a = plan.admin;
  const creator: Subject = { name: `adm-${a.creator.sam}`, domain: ORG.netbios, sid: adminSid(a.creator), logonId: hex(a.logonId) };
  out.push(securityEvent(plan, 'local-admin-created', a.created, a.host, 4720, creator, {
    TargetUserName: a.newName, TargetDomainName: a.host.name, TargetSid: a.newSid, TargetAccount: `${a.host.name}\\${a.newName}`,
    SamAccountName: a.newName, DisplayName: '%%1793', UserPrincipalName: '-', HomeDirectory: '%%1793', HomePath: '%%1793', ScriptPath: '%%1793',
    ProfilePath: '%%1793', UserWorkstations: '%%1793', PasswordLastSet: '%%1794', AccountExpires: '%%1794', PrimaryGroupId: '513',
    AllowedToDelegateTo: '-', OldUacValue: '0x0', NewUacValue: '0x15', UserAccountControl: '%%2080 %%2082 %%2084', UserParameters: '%%1793',
    SidHistory: '-', LogonHours: '%%1797', PrivilegeList: '-',
  }));
  out.push(securityEvent(plan, 'local-admin-created', a.added, a.host, 4732, creator, {
    TargetUserName: 'Administrators', TargetDomainName: 'Builtin', TargetSid: 'S-1-5-32-544', MemberName: '-', MemberSid: a.newSid, PrivilegeList: '-',
  }));
  const local: Subject = { name: a.newName, domain: a.host.name, sid: a.newSid, logonId: hex(a.logonId + 0x1a2b) };
  out.push(securityEvent(plan, 'security-log-cleared', a.cleared, a.host, 1102, local, {}));
  return out;
}

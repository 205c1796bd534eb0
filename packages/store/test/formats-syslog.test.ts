/** Syslog decoder: RFC 3164, RFC 5424 and /var/log lines into Syslog rows; year inference; every error path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSyslog } from '../src/ingest/formats/index.ts';

const now = new Date('2024-03-02T08:00:00Z');

test('RFC 3164 sshd authentication failure maps every Syslog column', () => {
  const line = '<38>Mar  1 12:00:05 bastion-01 sshd[24117]: Failed password for invalid user admin from 203.0.113.45 port 53110 ssh2';
  const out = decodeSyslog(line, { now });
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.records, [{
    SourceSystem: 'Linux',
    TimeGenerated: '2024-03-01T12:00:05Z',
    EventTime: '2024-03-01T12:00:05Z',
    Computer: 'bastion-01',
    HostName: 'bastion-01',
    Facility: 'auth',
    SeverityLevel: 'info',
    ProcessName: 'sshd',
    ProcessID: 24117,
    SyslogMessage: 'Failed password for invalid user admin from 203.0.113.45 port 53110 ssh2',
  }]);
});

test('facility and severity names follow the PRI value', () => {
  const cases: [number, string, string][] = [
    [0, 'kern', 'emerg'], [86, 'authpriv', 'info'], [9 * 8 + 3, 'cron', 'err'], [3 * 8 + 4, 'daemon', 'warning'],
    [5 * 8 + 5, 'syslog', 'notice'], [2 * 8 + 1, 'mail', 'alert'], [16 * 8 + 7, 'local0', 'debug'], [191, 'local7', 'debug'],
  ];
  for (const [pri, facility, severity] of cases) {
    const [row] = decodeSyslog(`<${pri}>Mar  1 12:00:00 h app: m`, { now }).records;
    assert.equal(row?.Facility, facility, `PRI ${pri}`);
    assert.equal(row?.SeverityLevel, severity, `PRI ${pri}`);
  }
});

test('/var/log lines without PRI have no Facility or SeverityLevel; tags without pid; kernel', () => {
  const text = [
    'Mar  1 12:00:00 web01 CRON[1234]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)',
    'Mar  1 12:00:01 web01 kernel: [  12.345678] eth0: link up',
    'Mar 11 09:10:11 web01 postfix/smtpd[881]: connect from unknown[198.51.100.7]',
  ].join('\n');
  const out = decodeSyslog(text, { now });
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.records[0], {
    SourceSystem: 'Linux', TimeGenerated: '2024-03-01T12:00:00Z', EventTime: '2024-03-01T12:00:00Z', Computer: 'web01', HostName: 'web01',
    ProcessName: 'CRON', ProcessID: 1234, SyslogMessage: '(root) CMD (   cd / && run-parts --report /etc/cron.hourly)',
  });
  assert.equal(out.records[1]?.ProcessName, 'kernel');
  assert.equal('ProcessID' in out.records[1]!, false);
  assert.equal(out.records[1]?.SyslogMessage, '[  12.345678] eth0: link up');
  // Mar 11 would be 9 days after `now`: last year
  assert.equal(out.records[2]?.TimeGenerated, '2023-03-11T09:10:11Z');
  assert.equal(out.records[2]?.ProcessName, 'postfix/smtpd');
});

test('a host that is an IP fills HostIP; no host falls back to defaultHost; rsyslog high-precision timestamps', () => {
  const text = [
    '<13>Mar  1 12:00:00 10.20.30.40 app[7]: from an address',
    '<13>Mar  1 12:00:00 myapp[99]: no host in this line',
    '2024-03-01T13:00:00.123456+01:00 db01 postgres[5]: checkpoint starting',
    '<13>Mar  1 12:00:00 2001:db8::1 app: v6',
  ].join('\n');
  const out = decodeSyslog(text, { now, defaultHost: 'collector-01' });
  assert.deepEqual(out.errors, []);
  assert.equal(out.records[0]?.HostIP, '10.20.30.40');
  assert.equal(out.records[0]?.Computer, '10.20.30.40');
  assert.equal(out.records[1]?.Computer, 'collector-01');
  assert.equal(out.records[1]?.HostName, 'collector-01');
  assert.equal('HostIP' in out.records[1]!, false);
  assert.equal(out.records[1]?.ProcessName, 'myapp');
  assert.equal(out.records[2]?.TimeGenerated, '2024-03-01T12:00:00.123456Z');
  assert.equal(out.records[2]?.Computer, 'db01');
  assert.equal(out.records[3]?.HostIP, '2001:db8::1');
  // Cisco-style lines carry the year; sub-second digits are kept
  const cisco = decodeSyslog('<189>Mar  1 2021 12:00:00.250 core-sw1 %SYS-5-CONFIG_I: Configured from console', { now }).records[0];
  assert.equal(cisco?.TimeGenerated, '2021-03-01T12:00:00.250Z');
  assert.equal(cisco?.ProcessName, '%SYS-5-CONFIG_I');
  assert.equal(cisco?.Facility, 'local7');
  assert.equal(cisco?.SeverityLevel, 'notice');
});

test('RFC 5424 with structured data, BOM and NILVALUEs', () => {
  const text = [
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...',
    '<34>1 2024-03-01T13:00:00.123456+01:00 10.1.2.3 su 931 - - \'su root\' failed for lonvick on /dev/pts/8',
    '<14>1 - - - - - [ex@1 a="x\\"]y"][b@2]',
  ].join('\r\n');
  const out = decodeSyslog(text, { now });
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.records[0], {
    SourceSystem: 'Linux',
    TimeGenerated: '2003-10-11T22:14:15.003Z',
    EventTime: '2003-10-11T22:14:15.003Z',
    Computer: 'mymachine.example.com',
    HostName: 'mymachine.example.com',
    Facility: 'local4',
    SeverityLevel: 'notice',
    ProcessName: 'evntslog',
    SyslogMessage: 'ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...',
  });
  assert.deepEqual(out.records[1], {
    SourceSystem: 'Linux',
    TimeGenerated: '2024-03-01T12:00:00.123456Z',
    EventTime: '2024-03-01T12:00:00.123456Z',
    Computer: '10.1.2.3',
    HostName: '10.1.2.3',
    HostIP: '10.1.2.3',
    Facility: 'auth',
    SeverityLevel: 'crit',
    ProcessName: 'su',
    ProcessID: 931,
    SyslogMessage: "'su root' failed for lonvick on /dev/pts/8",
  });
  // no time, no host, no app: those columns are omitted, not invented
  assert.deepEqual(out.records[2], {
    SourceSystem: 'Linux', Facility: 'user', SeverityLevel: 'info', SyslogMessage: '[ex@1 a="x\\"]y"][b@2]',
  });
});

test('year rollover: December lines read on January 1 belong to the old year', () => {
  const jan1 = new Date('2025-01-01T00:10:00Z');
  const text = 'Dec 31 23:59:59 h cron[1]: old year\nJan  1 00:05:00 h cron[1]: new year\nDec 30 10:00:00 h cron[1]: two days ago';
  const out = decodeSyslog(text, { now: jan1 });
  assert.deepEqual(out.records.map((r) => r.TimeGenerated), ['2024-12-31T23:59:59Z', '2025-01-01T00:05:00Z', '2024-12-30T10:00:00Z']);
  // a sender whose clock is a little ahead, read just before midnight on Dec 31
  const dec31 = new Date('2024-12-31T23:50:00Z');
  assert.equal(decodeSyslog('Jan  1 00:01:00 h a: m', { now: dec31 }).records[0]?.TimeGenerated, '2025-01-01T00:01:00Z');
  // Feb 29 only exists in leap years
  assert.equal(decodeSyslog('Feb 29 10:00:00 h a: m', { now: new Date('2025-03-01T00:00:00Z') }).records[0]?.TimeGenerated, '2024-02-29T10:00:00Z');
});

test('blank lines are skipped; record and line numbers count records and lines', () => {
  const text = '\nMar  1 12:00:00 h a: ok\n\n   \nthis is not syslog\r\nMar  1 12:00:01 h a: ok again\n';
  const out = decodeSyslog(text, { now });
  assert.equal(out.records.length, 2);
  assert.equal(out.errors.length, 1);
  assert.equal(out.errors[0]?.record, 2);
  assert.equal(out.errors[0]?.line, 5);
  assert.equal(out.errors[0]?.raw, 'this is not syslog');
  assert.match(out.errors[0]!.reason, /not a syslog line/);
});

test('every error path gives a reason and no row', () => {
  const bad: [string, RegExp][] = [
    ['hello world', /not a syslog line: expected <PRI> or a timestamp/],
    ['<192>Mar  1 12:00:00 h a: m', /priority <192> is out of range 0\.\.191/],
    ['<ab>Mar  1 12:00:00 h a: m', /is not a syslog priority/],
    ['<13>hello', /expected a timestamp after <13>/],
    ['Feb 30 12:00:00 h a: m', /'Feb 30 12:00:00' is not a valid date and time/],
    ['Foo  1 12:00:00 h a: m', /'Foo  1 12:00:00' is not a valid date and time/],
    ['2024-13-01T00:00:00Z h a: m', /not a valid RFC 3339 timestamp/],
    ['<13>1 2024-03-01T00:00:00Z host', /RFC 5424 header is incomplete/],
    ['<13>1 yesterday host app - - - m', /'yesterday' is not a valid RFC 5424 timestamp/],
    ['<13>1 2024-03-01T00:00:00Z h a - - [open="x m', /structured data is not closed: a quoted value/],
    ['<13>1 2024-03-01T00:00:00Z h a - - [id]msg', /expected a space after the structured data/],
    ['<13>1 2024-03-01T00:00:00Z h a - - msg', /structured data must be '-' or start with '\['/],
  ];
  for (const [line, reason] of bad) {
    const out = decodeSyslog(line, { now });
    assert.deepEqual(out.records, [], line);
    assert.equal(out.errors.length, 1, line);
    assert.match(out.errors[0]!.reason, reason, line);
    assert.deepEqual({ record: out.errors[0]!.record, line: out.errors[0]!.line, raw: out.errors[0]!.raw }, { record: 1, line: 1, raw: line });
  }
});

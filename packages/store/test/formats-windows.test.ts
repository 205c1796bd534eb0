/** Windows event JSON decoder: Winlogbeat and NXLog/OTRF shapes into SecurityEvent rows; JSON framing; every error path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeWindowsEvents } from '../src/ingest/formats/index.ts';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

const winlogbeat4624 = {
  '@timestamp': '2024-03-01T12:00:00.123Z',
  agent: { type: 'winlogbeat', version: '8.12.0' },
  event: { code: '4624', kind: 'event', provider: 'Microsoft-Windows-Security-Auditing', action: 'logged-in', outcome: 'success' },
  host: { name: 'dc01.contoso.local' },
  log: { level: 'information' },
  message: 'An account was successfully logged on.',
  winlog: {
    channel: 'Security',
    computer_name: 'DC01.contoso.local',
    event_id: '4624',
    provider_name: 'Microsoft-Windows-Security-Auditing',
    provider_guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}',
    record_id: 1234567,
    task: 'Logon',
    opcode: 'Info',
    version: 2,
    keywords: ['Audit Success'],
    process: { pid: 668, thread: { id: 5072 } },
    event_data: {
      SubjectUserSid: 'S-1-5-18',
      SubjectUserName: 'DC01$',
      SubjectDomainName: 'CONTOSO',
      SubjectLogonId: '0x3e7',
      TargetUserSid: 'S-1-5-21-1004336348-1177238915-682003330-1105',
      TargetUserName: 'jdoe',
      TargetDomainName: 'CONTOSO',
      TargetLogonId: '0x8d3c1a',
      LogonType: '3',
      LogonProcessName: 'NtLmSsp ',
      AuthenticationPackageName: 'NTLM',
      WorkstationName: 'WS-042',
      LogonGuid: '{00000000-0000-0000-0000-000000000000}',
      TransmittedServices: '-',
      LmPackageName: 'NTLM V2',
      KeyLength: '128',
      ProcessId: '0x0',
      ProcessName: '-',
      IpAddress: '10.10.8.42',
      IpPort: '51515',
      ImpersonationLevel: '%%1833',
      ElevatedToken: '%%1842',
    },
  },
};

test('Winlogbeat 4624 maps every SecurityEvent column and keeps the data as EventData XML', () => {
  const out = decodeWindowsEvents(JSON.stringify(winlogbeat4624));
  assert.deepEqual(out.errors, []);
  const ed = winlogbeat4624.winlog.event_data;
  const xml = `<EventData xmlns="${NS}">` + Object.entries(ed).map(([k, v]) => `<Data Name="${k}">${v}</Data>`).join('') + '</EventData>';
  assert.deepEqual(out.records, [{
    TimeGenerated: '2024-03-01T12:00:00.123Z',
    EventID: 4624,
    SourceSystem: 'OpsManager',
    Computer: 'DC01.contoso.local',
    Channel: 'Security',
    EventSourceName: 'Microsoft-Windows-Security-Auditing',
    Activity: '4624 - An account was successfully logged on.',
    SubjectUserSid: 'S-1-5-18',
    SubjectUserName: 'DC01$',
    SubjectDomainName: 'CONTOSO',
    SubjectLogonId: '0x3e7',
    TargetUserSid: 'S-1-5-21-1004336348-1177238915-682003330-1105',
    TargetUserName: 'jdoe',
    TargetDomainName: 'CONTOSO',
    TargetLogonId: '0x8d3c1a',
    LogonType: 3,
    LogonProcessName: 'NtLmSsp ',
    AuthenticationPackageName: 'NTLM',
    WorkstationName: 'WS-042',
    LogonGuid: '{00000000-0000-0000-0000-000000000000}',
    TransmittedServices: '-',
    LmPackageName: 'NTLM V2',
    KeyLength: 128,
    ProcessId: '0x0',
    ProcessName: '-',
    IpAddress: '10.10.8.42',
    IpPort: '51515',
    ElevatedToken: '%%1842',
    EventRecordId: '1234567',
    SystemProcessId: 668,
    SystemThreadId: 5072,
    Version: 2,
    Keywords: '0x8020000000000000',
    LogonTypeName: '3 - Network',
    SubjectAccount: 'CONTOSO\\DC01$',
    TargetAccount: 'CONTOSO\\jdoe',
    Account: 'CONTOSO\\jdoe',
    AccountType: 'User',
    EventData: xml,
  }]);
  // ImpersonationLevel has no column: it survives in EventData only
  assert.match(String(out.records[0]!.EventData), /<Data Name="ImpersonationLevel">%%1833<\/Data>/);
});

const otrf4688 = {
  '@timestamp': '2020-09-21T19:03:49.962Z',
  EventTime: '2020-09-21 15:03:49',
  EventReceivedTime: '2020-09-21 15:03:51',
  Hostname: 'WORKSTATION5.theshire.local',
  Keywords: '-9214364837600034816',
  EventType: 'AUDIT_SUCCESS',
  SeverityValue: 2,
  Severity: 'INFO',
  EventID: 4688,
  SourceName: 'Microsoft-Windows-Security-Auditing',
  ProviderGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
  Version: 2,
  Task: 13312,
  OpcodeValue: 0,
  RecordNumber: 378410,
  ExecutionProcessID: 4,
  ExecutionThreadID: 8764,
  Channel: 'Security',
  Message: 'A new process has been created.',
  Category: 'Process Creation',
  Opcode: 'Info',
  SubjectUserSid: 'S-1-5-21-4228717743-1032521047-1810997296-1104',
  SubjectUserName: 'pgustavo',
  SubjectDomainName: 'THESHIRE',
  SubjectLogonId: '0xc61d9',
  NewProcessId: '0x1b44',
  NewProcessName: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  TokenElevationType: '%%1938',
  ProcessId: '0x2354',
  CommandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIAA8ACYAPgA=',
  TargetUserSid: 'S-1-0-0',
  TargetUserName: '-',
  TargetDomainName: '-',
  TargetLogonId: '0x0',
  ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
  MandatoryLabel: 'S-1-16-8192',
  SourceModuleName: 'eventlog',
  SourceModuleType: 'im_msvistalog',
  host: 'wec.internal.cloudapp.net',
  port: 60020,
  '@version': '1',
  tags: ['mordorDataset'],
};

test('OTRF / NXLog 4688 maps flat fields, keeps metadata out of EventData, and takes Account from the subject', () => {
  const out = decodeWindowsEvents(JSON.stringify(otrf4688));
  assert.deepEqual(out.errors, []);
  const data = ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'NewProcessId', 'NewProcessName', 'TokenElevationType',
    'ProcessId', 'CommandLine', 'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'ParentProcessName', 'MandatoryLabel'] as const;
  const xml = `<EventData xmlns="${NS}">` + data.map((k) => `<Data Name="${k}">${otrf4688[k]}</Data>`).join('') + '</EventData>';
  assert.deepEqual(out.records, [{
    TimeGenerated: '2020-09-21T19:03:49.962Z',
    EventID: 4688,
    SourceSystem: 'OpsManager',
    Computer: 'WORKSTATION5.theshire.local',
    Channel: 'Security',
    EventSourceName: 'Microsoft-Windows-Security-Auditing',
    Activity: '4688 - A new process has been created.',
    ...Object.fromEntries(data.map((k) => [k, otrf4688[k]])),
    EventRecordId: '378410',
    SystemProcessId: 4,
    SystemThreadId: 8764,
    Task: 13312,
    Version: 2,
    Keywords: '0x8020000000000000',
    SubjectAccount: 'THESHIRE\\pgustavo',
    TargetAccount: '-\\-',
    Account: 'THESHIRE\\pgustavo',
    AccountType: 'User',
    EventData: xml,
  }]);
});

test('other shapes: UserData (1102), a Sysmon event from another channel, EventTime without zone, machine accounts, XML escaping', () => {
  const cleared = {
    '@timestamp': '2024-03-01T12:05:00Z',
    winlog: {
      event_id: 1102, channel: 'Security', computer_name: 'WS-042', provider_name: 'Microsoft-Windows-Eventlog',
      user_data: { xml_name: 'LogFileCleared', SubjectUserSid: 'S-1-5-21-1-2-3-500', SubjectUserName: 'Administrator', SubjectDomainName: 'WS-042', SubjectLogonId: '0x4a2b1' },
    },
  };
  const sysmon = {
    EventTime: '2020-09-21 15:03:49', Hostname: 'WS-7', EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational', SourceName: 'Microsoft-Windows-Sysmon',
    UserID: 'S-1-5-18', AccountName: 'SYSTEM', Domain: 'NT AUTHORITY', AccountType: 'User',
    Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c "echo <a> & b"', User: 'THESHIRE\\pgustavo', ProcessId: '6900',
  };
  const machine = { TimeCreated: '/Date(1709294400000)/', Computer: 'DC01', EventID: '4768', TargetUserName: 'WS-042$', TargetDomainName: 'CONTOSO.LOCAL', Status: '0x0' };
  const out = decodeWindowsEvents([cleared, sysmon, machine].map((e) => JSON.stringify(e)).join('\n'));
  assert.deepEqual(out.errors, []);
  const [a, b, c] = out.records;
  assert.equal(a?.Activity, '1102 - The audit log was cleared.');
  assert.equal(a?.Account, 'WS-042\\Administrator');
  assert.equal(a?.SubjectUserName, 'Administrator');
  assert.equal(a?.EventData, `<UserData xmlns="${NS}"><LogFileCleared><SubjectUserSid>S-1-5-21-1-2-3-500</SubjectUserSid><SubjectUserName>Administrator</SubjectUserName>`
    + '<SubjectDomainName>WS-042</SubjectDomainName><SubjectLogonId>0x4a2b1</SubjectLogonId></LogFileCleared></UserData>');

  assert.equal(b?.Channel, 'Microsoft-Windows-Sysmon/Operational');
  assert.equal(b?.EventID, 1);
  assert.equal('Activity' in b!, false, 'event 1 of Sysmon is not event 1 of Security');
  assert.equal(b?.TimeGenerated, '2020-09-21T15:03:49Z');
  assert.equal(b?.SystemUserId, 'S-1-5-18');
  assert.equal(b?.CommandLine, 'cmd.exe /c "echo <a> & b"');
  assert.equal(b?.ProcessId, '6900');
  assert.equal('AccountType' in b!, false, "NXLog's AccountType describes UserID, not the event's account");
  assert.equal(b?.EventData, `<EventData xmlns="${NS}"><Data Name="Image">C:\\Windows\\System32\\cmd.exe</Data>`
    + '<Data Name="CommandLine">cmd.exe /c &quot;echo &lt;a&gt; &amp; b&quot;</Data><Data Name="User">THESHIRE\\pgustavo</Data><Data Name="ProcessId">6900</Data></EventData>');

  assert.equal(c?.TimeGenerated, '2024-03-01T12:00:00.000Z');
  assert.equal(c?.EventID, 4768);
  assert.equal(c?.Account, 'CONTOSO.LOCAL\\WS-042$');
  assert.equal(c?.AccountType, 'Machine');
  assert.equal(c?.Status, '0x0');
  assert.equal(c?.Activity, '4768 - A Kerberos authentication ticket (TGT) was requested.');
});

test('a pretty-printed JSON array: records and their starting lines; one broken record does not hide the rest', () => {
  const text = `[
  {
    "EventID": 4634, "EventTime": "2024-03-01 10:00:00", "Hostname": "A"
  },
  { "EventID": 4647, "EventTime": "2024-03-01 10:00:01", "Hostname": "B", },
  {"EventID": 4672, "EventTime": "2024-03-01 10:00:02", "Hostname": "C", "PrivilegeList": "SeDebugPrivilege"}
]
`;
  const out = decodeWindowsEvents(text);
  assert.deepEqual(out.records.map((r) => [r.EventID, r.Computer, r.Activity]), [
    [4634, 'A', '4634 - An account was logged off.'],
    [4672, 'C', '4672 - Special privileges assigned to new logon.'],
  ]);
  assert.equal(out.records[1]?.PrivilegeList, 'SeDebugPrivilege');
  assert.equal(out.errors.length, 1);
  assert.deepEqual({ record: out.errors[0]!.record, line: out.errors[0]!.line }, { record: 2, line: 5 });
  assert.match(out.errors[0]!.reason, /^broken JSON: /);
  assert.equal(out.errors[0]!.raw, '{ "EventID": 4647, "EventTime": "2024-03-01 10:00:01", "Hostname": "B", }');
});

test('pretty-printed objects one after another (no array) are records too', () => {
  const text = '{\n  "EventID": 4634,\n  "EventTime": "2024-03-01 10:00:00"\n}\n{\n  "EventID": 4625,\n  "EventTime": "2024-03-01 10:00:05"\n}\n';
  const out = decodeWindowsEvents(text);
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.records.map((r) => r.EventID), [4634, 4625]);
});

test('every error path gives a reason, the record and line, and no row', () => {
  const ok = '{"EventID": 4624, "EventTime": "2024-03-01 10:00:00"}';
  const bad: [string, RegExp][] = [
    ['{"EventID": 4624, "EventTime": ', /^broken JSON: /],
    ['{"EventTime": "2024-03-01 10:00:00", "Hostname": "A"}', /the event has no event id/],
    ['{"winlog": {"channel": "Security"}, "@timestamp": "2024-03-01T10:00:00Z"}', /the event has no event id/],
    ['{"EventID": 4624, "Hostname": "A"}', /the event has no time/],
    ['{"EventID": "logon", "EventTime": "2024-03-01 10:00:00"}', /event id 'logon' is not an integer/],
    ['{"EventID": 4624, "EventTime": "yesterday"}', /event time 'yesterday' is not a date and time/],
    ['{"EventID": 4624, "EventTime": "2024-02-30 10:00:00"}', /event time '2024-02-30 10:00:00' is not a date and time/],
    ['[1, 2]', /must be a JSON object, found an array/],
    ['"text"', /must be a JSON object, found string/],
  ];
  const out = decodeWindowsEvents([ok, ...bad.map(([l]) => l)].join('\n'));
  assert.equal(out.records.length, 1);
  assert.equal(out.errors.length, bad.length);
  bad.forEach(([line, reason], i) => {
    const e = out.errors[i]!;
    assert.match(e.reason, reason, line);
    assert.deepEqual({ record: e.record, line: e.line, raw: e.raw }, { record: i + 2, line: i + 2, raw: line });
  });
});

test('a JSON array that is not closed, or has text after it, is reported where it breaks', () => {
  const unclosed = decodeWindowsEvents('[\n{"EventID": 4624, "EventTime": "2024-03-01 10:00:00"},\n{"EventID": 4625, "EventTime": "2024-03-01');
  assert.equal(unclosed.records.length, 1);
  assert.deepEqual(unclosed.errors.map((e) => [e.record, e.line]), [[2, 3]]);
  assert.match(unclosed.errors[0]!.reason, /not closed before the end of the input/);

  const noBracket = decodeWindowsEvents('[{"EventID": 4624, "EventTime": "2024-03-01 10:00:00"}\n');
  assert.equal(noBracket.records.length, 1);
  assert.match(noBracket.errors[0]!.reason, /array is not closed/);

  const trailing = decodeWindowsEvents('[{"EventID": 4624, "EventTime": "2024-03-01 10:00:00"}]\n\nextra');
  assert.equal(trailing.records.length, 1);
  assert.deepEqual(trailing.errors.map((e) => [e.record, e.line, e.raw]), [[2, 3, 'extra']]);
  assert.match(trailing.errors[0]!.reason, /text after the closing \]/);

  const missingComma = decodeWindowsEvents('[{"EventID": 4624, "EventTime": "2024-03-01 10:00:00"} {"EventID": 1}]');
  assert.match(missingComma.errors[0]!.reason, /expected ',' or '\]' after a record/);
  assert.deepEqual(decodeWindowsEvents('  \n'), { records: [], errors: [] });
  assert.deepEqual(decodeWindowsEvents('[]'), { records: [], errors: [] });
});

test('a field named __proto__ is kept as data, not taken as a prototype', () => {
  const out = decodeWindowsEvents('{"EventID": 4624, "EventTime": "2024-03-01 10:00:00", "__proto__": "x", "IpAddress": "10.0.0.1"}');
  assert.equal(out.records[0]?.IpAddress, '10.0.0.1');
  assert.match(String(out.records[0]?.EventData), /<Data Name="__proto__">x<\/Data>/);
});

/** CEF decoder: header and extension escaping, the CommonSecurityLog mapping, times, and every error path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCef } from '../src/ingest/formats/index.ts';

const now = new Date('2024-03-02T08:00:00.250Z');

test('Palo Alto style CEF behind a syslog header: escapes, custom strings, NAT, bytes and unknown keys', () => {
  const line = '<14>Mar  1 12:00:09 PA-VM01 CEF:0|Palo Alto Networks|PAN-OS|10.2.3|end|TRAFFIC \\| end|3|'
    + 'rt=Mar 01 2024 12:00:00 GMT deviceExternalId=007951000123456 src=10.1.1.5 dst=203.0.113.80 '
    + 'sourceTranslatedAddress=198.51.100.2 destinationTranslatedAddress=203.0.113.80 cs1Label=Rule cs1=allow web egress '
    + 'suser=corp\\\\jdoe duser= app=web-browsing cs3Label=Virtual System cs3=vsys1 cs4Label=Source Zone cs4=trust '
    + 'cs5Label=Destination Zone cs5=untrust cs6Label=LogProfile cs6=default deviceInboundInterface=ethernet1/2 '
    + 'deviceOutboundInterface=ethernet1/1 cn1Label=SessionID cn1=33812 cnt=1 spt=51234 dpt=443 sourceTranslatedPort=40123 '
    + 'destinationTranslatedPort=443 proto=TCP act=allow in=1520 out=8812 cat=computer-and-internet-info deviceDirection=1 '
    + 'externalId=7230000123 PanOSPacketsReceived=12 PanOSPacketsSent=10 '
    + 'request=https://example.org/search?q\\=a b&x=1 msg=line one\\nline two \\= equals and a backslash \\\\';
  const out = decodeCef(line, { now });
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.records, [{
    SourceSystem: 'OpsManager',
    Computer: 'PA-VM01',
    DeviceVendor: 'Palo Alto Networks',
    DeviceProduct: 'PAN-OS',
    DeviceVersion: '10.2.3',
    DeviceEventClassID: 'end',
    Activity: 'TRAFFIC | end',
    LogSeverity: '3',
    ReceiptTime: 'Mar 01 2024 12:00:00 GMT',
    TimeGenerated: '2024-03-01T12:00:00Z',
    DeviceExternalID: '007951000123456',
    SourceIP: '10.1.1.5',
    DestinationIP: '203.0.113.80',
    SourceTranslatedAddress: '198.51.100.2',
    DestinationTranslatedAddress: '203.0.113.80',
    DeviceCustomString1Label: 'Rule',
    DeviceCustomString1: 'allow web egress',
    SourceUserName: 'corp\\jdoe',
    ApplicationProtocol: 'web-browsing',
    DeviceCustomString3Label: 'Virtual System',
    DeviceCustomString3: 'vsys1',
    DeviceCustomString4Label: 'Source Zone',
    DeviceCustomString4: 'trust',
    DeviceCustomString5Label: 'Destination Zone',
    DeviceCustomString5: 'untrust',
    DeviceCustomString6Label: 'LogProfile',
    DeviceCustomString6: 'default',
    DeviceInboundInterface: 'ethernet1/2',
    DeviceOutboundInterface: 'ethernet1/1',
    DeviceCustomNumber1Label: 'SessionID',
    DeviceCustomNumber1: 33812,
    EventCount: 1,
    SourcePort: 51234,
    DestinationPort: 443,
    SourceTranslatedPort: 40123,
    DestinationTranslatedPort: 443,
    Protocol: 'TCP',
    DeviceAction: 'allow',
    ReceivedBytes: 1520,
    SentBytes: 8812,
    DeviceEventCategory: 'computer-and-internet-info',
    CommunicationDirection: 'Outbound',
    ExtID: '7230000123',
    RequestURL: 'https://example.org/search?q=a b&x=1',
    Message: 'line one\nline two = equals and a backslash \\',
    AdditionalExtensions: 'PanOSPacketsReceived=12;PanOSPacketsSent=10',
  }]);
});

test('Fortinet style CEF without a syslog header: epoch rt, start/end, file and host fields, big custom numbers', () => {
  const line = 'CEF:0|Fortinet|Fortigate|v7.2.5|0419016384|utm:ips signature|7|'
    + 'rt=1709294400123 start=Mar 01 2024 11:59:58.500 +01:00 end=2024-03-01T12:00:01Z dvchost=LK-FGT-LON01 dvc=10.40.255.1 '
    + 'shost=ws-042 smac=00:16:3e:4a:11:01 dhost=evil.example dmac=00:16:3e:4a:11:02 fname=invoice.pdf.exe filePath=C:\\\\Users\\\\x '
    + 'fileHash=5d41402abc4b2a76b9719d911017c592 fsize=73802 cn2Label=Big cn2=99999999999 cfp1Label=Score cfp1=0.75 '
    + 'outcome=blocked reason=signature requestMethod=GET requestClientApplication=Mozilla/5.0 (Windows NT 10.0) '
    + 'deviceDirection=0 dtz=Europe/London flexString1Label=policyname flexString1=Block IPS';
  const out = decodeCef(line, { now });
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.records[0], {
    SourceSystem: 'OpsManager',
    DeviceVendor: 'Fortinet',
    DeviceProduct: 'Fortigate',
    DeviceVersion: 'v7.2.5',
    DeviceEventClassID: '0419016384',
    Activity: 'utm:ips signature',
    LogSeverity: '7',
    ReceiptTime: '1709294400123',
    TimeGenerated: '2024-03-01T12:00:00.123Z',
    StartTime: '2024-03-01T10:59:58.500Z',
    EndTime: '2024-03-01T12:00:01Z',
    DeviceName: 'LK-FGT-LON01',
    DeviceAddress: '10.40.255.1',
    SourceHostName: 'ws-042',
    SourceMACAddress: '00:16:3e:4a:11:01',
    DestinationHostName: 'evil.example',
    DestinationMACAddress: '00:16:3e:4a:11:02',
    FileName: 'invoice.pdf.exe',
    FilePath: 'C:\\Users\\x',
    FileHash: '5d41402abc4b2a76b9719d911017c592',
    FileSize: 73802,
    DeviceCustomNumber2Label: 'Big',
    FieldDeviceCustomNumber2: 99999999999,
    DeviceCustomFloatingPoint1Label: 'Score',
    DeviceCustomFloatingPoint1: 0.75,
    EventOutcome: 'blocked',
    Reason: 'signature',
    RequestMethod: 'GET',
    RequestClientApplication: 'Mozilla/5.0 (Windows NT 10.0)',
    CommunicationDirection: 'Inbound',
    DeviceTimeZone: 'Europe/London',
    FlexString1Label: 'policyname',
    FlexString1: 'Block IPS',
  });
});

test('TimeGenerated: rt, else the syslog header time, else options.now; an empty extension', () => {
  const text = [
    '<134>1 2024-03-01T09:00:00Z fw02 - - - - CEF:0|V|P|1|100|Name|5|src=10.0.0.1',
    'CEF:1|V|P|1|100|Name|5|src=10.0.0.2',
    'CEF:0|V|P|1|100|Name|Low|',
    'CEF:0|V|P|1|100|Name|Low',
  ].join('\n');
  const out = decodeCef(text, { now });
  assert.deepEqual(out.errors, []);
  assert.equal(out.records[0]?.TimeGenerated, '2024-03-01T09:00:00Z');
  assert.equal(out.records[0]?.Computer, 'fw02');
  assert.equal(out.records[1]?.TimeGenerated, '2024-03-02T08:00:00.250Z');
  assert.equal('Computer' in out.records[1]!, false);
  assert.deepEqual(out.records[2], {
    SourceSystem: 'OpsManager', DeviceVendor: 'V', DeviceProduct: 'P', DeviceVersion: '1', DeviceEventClassID: '100',
    Activity: 'Name', LogSeverity: 'Low', TimeGenerated: '2024-03-02T08:00:00.250Z',
  });
  assert.deepEqual(out.records[3], out.records[2]);
  // without now and without any time in the line, TimeGenerated is left for the ingester to fill
  assert.equal('TimeGenerated' in decodeCef('CEF:0|V|P|1|100|Name|5|src=10.0.0.2').records[0]!, false);
});

test('every error path gives a reason, the record and line, and no row', () => {
  const bad: [string, RegExp][] = [
    ['<134>Mar  1 12:00:00 fw01 LEEF:1.0|x', /not a CEF line: no 'CEF:' marker/],
    ['CEF:0|Vendor|Product|1.0|100|Name', /needs 7 '\|'-separated fields .* found 6/],
    ['CEF:0|Vendor \\| with pipe|Product|1.0|100', /found 5/],
    ['CEF:x|V|P|1|100|Name|5|src=1.2.3.4', /CEF version 'x' is not a number/],
    ['garbage before CEF:0|V|P|1|100|Name|5|src=1.2.3.4', /syslog header before 'CEF:': not a syslog line/],
    ['CEF:0|V|P|1|100|Name|5|just words', /extension must be key=value pairs/],
    ['CEF:0|V|P|1|100|Name|5|leading words src=1.2.3.4', /extension must be key=value pairs/],
    ['CEF:0|V|P|1|100|Name|5|spt=http', /extension spt='http' is not a 32-bit integer \(SourcePort\)/],
    ['CEF:0|V|P|1|100|Name|5|dpt=99999999999', /dpt='99999999999' is not a 32-bit integer/],
    ['CEF:0|V|P|1|100|Name|5|in=lots', /in='lots' is not an integer \(ReceivedBytes\)/],
    ['CEF:0|V|P|1|100|Name|5|cfp2=NaNish', /cfp2='NaNish' is not a number \(DeviceCustomFloatingPoint2\)/],
    ['CEF:0|V|P|1|100|Name|5|cn3=three', /cn3='three' is not an integer \(DeviceCustomNumber3\)/],
    ['CEF:0|V|P|1|100|Name|5|rt=yesterday', /rt='yesterday' is not a time/],
    ['CEF:0|V|P|1|100|Name|5|end=Feb 30 2024 10:00:00', /end='Feb 30 2024 10:00:00' is not a time \(EndTime\)/],
  ];
  const out = decodeCef(['CEF:0|V|P|1|1|ok|1|src=1.1.1.1', ...bad.map(([l]) => l)].join('\n'), { now });
  assert.equal(out.records.length, 1);
  assert.equal(out.errors.length, bad.length);
  bad.forEach(([line, reason], i) => {
    const e = out.errors[i]!;
    assert.match(e.reason, reason, line);
    assert.deepEqual({ record: e.record, line: e.line, raw: e.raw }, { record: i + 2, line: i + 2, raw: line });
  });
});

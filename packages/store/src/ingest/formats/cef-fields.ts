/**
 * CEF extension keys and the CommonSecurityLog columns they fill, after the ArcSight CEF
 * specification's key names and Microsoft's "CEF and CommonSecurityLog field mapping".
 * Keys not listed here go to AdditionalExtensions.
 */

/** How a value is stored: text as is, a 32-bit int, a 64-bit long, a real, or a datetime. */
export type CefKind = 'string' | 'int' | 'long' | 'real' | 'datetime';

/** Extension key -> [column, kind]. Keys are case-sensitive, as in the specification. */
export const CEF_KEYS: Readonly<Record<string, readonly [string, CefKind]>> = {
  act: ['DeviceAction', 'string'],
  app: ['ApplicationProtocol', 'string'],
  cat: ['DeviceEventCategory', 'string'],
  cnt: ['EventCount', 'int'],
  destinationDnsDomain: ['DestinationDnsDomain', 'string'],
  destinationServiceName: ['DestinationServiceName', 'string'],
  destinationTranslatedAddress: ['DestinationTranslatedAddress', 'string'],
  destinationTranslatedPort: ['DestinationTranslatedPort', 'int'],
  deviceDirection: ['CommunicationDirection', 'string'],
  deviceDnsDomain: ['DeviceDnsDomain', 'string'],
  deviceExternalId: ['DeviceExternalID', 'string'],
  deviceFacility: ['DeviceFacility', 'string'],
  deviceInboundInterface: ['DeviceInboundInterface', 'string'],
  deviceNtDomain: ['DeviceNtDomain', 'string'],
  deviceOutboundInterface: ['DeviceOutboundInterface', 'string'],
  devicePayloadId: ['DevicePayloadId', 'string'],
  deviceProcessName: ['ProcessName', 'string'],
  deviceTranslatedAddress: ['DeviceTranslatedAddress', 'string'],
  dhost: ['DestinationHostName', 'string'],
  dmac: ['DestinationMACAddress', 'string'],
  dntdom: ['DestinationNTDomain', 'string'],
  dpid: ['DestinationProcessId', 'int'],
  dpriv: ['DestinationUserPrivileges', 'string'],
  dproc: ['DestinationProcessName', 'string'],
  dpt: ['DestinationPort', 'int'],
  dst: ['DestinationIP', 'string'],
  dtz: ['DeviceTimeZone', 'string'],
  duid: ['DestinationUserID', 'string'],
  duser: ['DestinationUserName', 'string'],
  dvc: ['DeviceAddress', 'string'],
  dvchost: ['DeviceName', 'string'],
  dvcmac: ['DeviceMacAddress', 'string'],
  dvcpid: ['ProcessID', 'int'],
  end: ['EndTime', 'datetime'],
  externalId: ['ExtID', 'string'],
  fileCreateTime: ['FileCreateTime', 'string'],
  fileHash: ['FileHash', 'string'],
  fileId: ['FileID', 'string'],
  fileModificationTime: ['FileModificationTime', 'string'],
  filePath: ['FilePath', 'string'],
  filePermission: ['FilePermission', 'string'],
  fileType: ['FileType', 'string'],
  fname: ['FileName', 'string'],
  fsize: ['FileSize', 'int'],
  in: ['ReceivedBytes', 'long'],
  msg: ['Message', 'string'],
  oldFileCreateTime: ['OldFileCreateTime', 'string'],
  oldFileHash: ['OldFileHash', 'string'],
  oldFileId: ['OldFileID', 'string'],
  oldFileModificationTime: ['OldFileModificationTime', 'string'],
  oldFileName: ['OldFileName', 'string'],
  oldFilePath: ['OldFilePath', 'string'],
  oldFilePermission: ['OldFilePermission', 'string'],
  oldFileSize: ['OldFileSize', 'int'],
  oldFileType: ['OldFileType', 'string'],
  out: ['SentBytes', 'long'],
  outcome: ['EventOutcome', 'string'],
  proto: ['Protocol', 'string'],
  reason: ['Reason', 'string'],
  request: ['RequestURL', 'string'],
  requestClientApplication: ['RequestClientApplication', 'string'],
  requestContext: ['RequestContext', 'string'],
  requestCookies: ['RequestCookies', 'string'],
  requestMethod: ['RequestMethod', 'string'],
  rt: ['ReceiptTime', 'string'],
  shost: ['SourceHostName', 'string'],
  smac: ['SourceMACAddress', 'string'],
  sntdom: ['SourceNTDomain', 'string'],
  sourceDnsDomain: ['SourceDnsDomain', 'string'],
  sourceServiceName: ['SourceServiceName', 'string'],
  sourceTranslatedAddress: ['SourceTranslatedAddress', 'string'],
  sourceTranslatedPort: ['SourceTranslatedPort', 'int'],
  spid: ['SourceProcessId', 'int'],
  spriv: ['SourceUserPrivileges', 'string'],
  sproc: ['SourceProcessName', 'string'],
  spt: ['SourcePort', 'int'],
  src: ['SourceIP', 'string'],
  start: ['StartTime', 'datetime'],
  suid: ['SourceUserID', 'string'],
  suser: ['SourceUserName', 'string'],
  type: ['EventType', 'int'],
  ...numbered('cs', 6, 'DeviceCustomString', 'string'),
  ...numbered('cfp', 4, 'DeviceCustomFloatingPoint', 'real'),
  ...numbered('c6a', 4, 'DeviceCustomIPv6Address', 'string'),
  ...numbered('deviceCustomDate', 2, 'DeviceCustomDate', 'string'),
  ...numbered('flexString', 2, 'FlexString', 'string'),
  ...numbered('flexNumber', 2, 'FlexNumber', 'int'),
  ...numbered('flexDate', 1, 'FlexDate', 'string'),
  // cn1..cn3 are handled apart: DeviceCustomNumberN is an int, FieldDeviceCustomNumberN a long
  ...labels('cn', 3, 'DeviceCustomNumber'),
};

/** cnN keys: the int column, and the long column used when the value does not fit an int. */
export const CEF_CUSTOM_NUMBERS: Readonly<Record<string, readonly [string, string]>> = {
  cn1: ['DeviceCustomNumber1', 'FieldDeviceCustomNumber1'],
  cn2: ['DeviceCustomNumber2', 'FieldDeviceCustomNumber2'],
  cn3: ['DeviceCustomNumber3', 'FieldDeviceCustomNumber3'],
};

function numbered(key: string, n: number, column: string, kind: CefKind): Record<string, readonly [string, CefKind]> {
  const out: Record<string, readonly [string, CefKind]> = {};
  for (let i = 1; i <= n; i++) out[`${key}${i}`] = [`${column}${i}`, kind];
  return { ...out, ...labels(key, n, column) };
}

function labels(key: string, n: number, column: string): Record<string, readonly [string, CefKind]> {
  const out: Record<string, readonly [string, CefKind]> = {};
  for (let i = 1; i <= n; i++) out[`${key}${i}Label`] = [`${column}${i}Label`, 'string'];
  return out;
}

import type { TableGen } from '../context.ts';
import { commonSecurityLog } from './commonSecurityLog.ts';
import { deviceNetworkEvents, deviceProcessEvents } from './device.ts';
import { dnsEvents, heartbeat, securityAlert } from './misc.ts';
import { securityEvent } from './securityEvent.ts';
import { signinLogs } from './signinLogs.ts';
import { syslog } from './syslog.ts';
import { threatIntelligenceIndicator } from './threatIntel.ts';

/** Every table the sample generator knows, in generation order. */
export const TABLES: TableGen[] = [securityEvent, commonSecurityLog, deviceNetworkEvents, deviceProcessEvents, syslog, dnsEvents, signinLogs, heartbeat, securityAlert, threatIntelligenceIndicator];

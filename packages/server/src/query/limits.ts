/**
 * The limits of one query run from an HTTP request: the timeout (the service's default,
 * shortened by `Prefer: wait=N` or Kusto's `servertimeout` property, never lengthened), the
 * result caps, and cancellation when the client goes away before the reply is sent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RunOptions } from '@huntbook/store';
import type { QueryParameters } from '@huntbook/kql';
import { HttpError } from '../errors.ts';
import { redactUrl } from '../auth/redact.ts';

export interface QueryLimits {
  /** default 180000 (3 minutes): the longest a query may run */
  timeoutMs: number;
  /** default 500000 */
  maxRows: number;
  /** default 64 MiB */
  maxBytes: number;
}

export const DEFAULT_LIMITS: QueryLimits = { timeoutMs: 180_000, maxRows: 500_000, maxBytes: 64 * 1024 * 1024 };

/** Kusto's timespan text ('00:01:00', '1.00:00:00', '00:00:30.500') in ms, or undefined. */
export function timespanMs(text: string): number | undefined {
  const m = /^\s*(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\s*$/.exec(text);
  if (!m) return undefined;
  const [, d, h, mi, s, f] = m;
  return (((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + (f ? Number(`0.${f}`) * 1000 : 0);
}

export interface RunContext {
  readonly options: RunOptions;
  /** stop listening for the client going away (call when the reply is about to be sent) */
  done(): void;
}

/**
 * RunOptions for a request. `askedMs` is the client's own timeout (Prefer: wait, servertimeout):
 * it can only shorten the service's limit. The query is aborted when the connection closes
 * before the reply is written.
 */
export function runContext(request: FastifyRequest, reply: FastifyReply, service: { limits: QueryLimits; inflight: Set<AbortController> }, extra: { askedMs?: number; now?: Date; parameters?: QueryParameters } = {}): RunContext {
  const controller = new AbortController();
  const { limits, inflight } = service;
  inflight.add(controller);
  const onClose = () => {
    if (!reply.raw.writableEnded) {
      request.log.info({ url: redactUrl(request.url) }, 'client went away: cancelling its query');
      controller.abort();
    }
  };
  reply.raw.once('close', onClose);
  const timeoutMs = extra.askedMs !== undefined && extra.askedMs > 0 ? Math.min(extra.askedMs, limits.timeoutMs) : limits.timeoutMs;
  return {
    options: { signal: controller.signal, timeoutMs, maxRows: limits.maxRows, maxBytes: limits.maxBytes, now: extra.now, parameters: extra.parameters },
    done: () => {
      reply.raw.off('close', onClose);
      inflight.delete(controller);
    },
  };
}

/** Kusto request properties: `{Options: {servertimeout, ...}, Parameters: {...}}`, possibly as JSON text. */
export function kustoProperties(raw: unknown): { askedMs?: number; parameters?: QueryParameters; clientRequestId?: string } {
  let p = raw;
  if (typeof p === 'string') {
    if (p.trim() === '') return {};
    try { p = JSON.parse(p); } catch { throw new HttpError(400, 'BadRequest', 'properties is not valid JSON'); }
  }
  if (p === undefined || p === null) return {};
  if (typeof p !== 'object') throw new HttpError(400, 'BadRequest', 'properties must be an object');
  const obj = p as { Options?: Record<string, unknown>; Parameters?: Record<string, unknown> };
  const out: { askedMs?: number; parameters?: QueryParameters } = {};
  const st = obj.Options?.servertimeout;
  if (typeof st === 'string') {
    const ms = timespanMs(st);
    if (ms === undefined) throw new HttpError(400, 'BadRequest', `servertimeout '${st}' is not a timespan like 00:01:00`);
    out.askedMs = ms;
  } else if (typeof st === 'number') out.askedMs = st;
  if (obj.Parameters && typeof obj.Parameters === 'object') {
    const params: Record<string, string | number | boolean | null> = {};
    for (const [k, v] of Object.entries(obj.Parameters)) {
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
      else throw new HttpError(400, 'BadRequest', `query parameter '${k}' must be a string, number, boolean or null`);
    }
    out.parameters = params;
  }
  return out;
}

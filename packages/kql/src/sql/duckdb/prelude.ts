/**
 * SQL macros the DuckDB dialect relies on. The runner executes these once per connection
 * (they are TEMP macros, so nothing is written into the user's database).
 */
import { STRING_PRELUDE } from './functions/strings.ts';
import { ENCODING_PRELUDE } from './functions/encoding.ts';
import { TEXT_PARSE_PRELUDE } from './functions/text-parse.ts';
import { DYNAMIC_PRELUDE } from './functions/dynamic.ts';
import { IP_PRELUDE } from './functions/ip.ts';
import { MORE_STRINGS_PRELUDE } from './functions/more-strings.ts';
import { SERIES_STATS_PRELUDE } from './functions/series-stats.ts';
import { MISC_PRELUDE } from './functions/misc.ts';

export const DUCKDB_PRELUDE: readonly string[] = [
  // datetime -> Kusto text, 7 fraction digits: 2024-01-01T10:00:00.1230000Z
  `CREATE OR REPLACE TEMP MACRO hb_format_datetime(t) AS
     strftime(t, '%Y-%m-%dT%H:%M:%S') || '.' || lpad(CAST(((epoch_ns(t) % 1000000000 + 1000000000) % 1000000000) // 100 AS VARCHAR), 7, '0') || 'Z'`,
  // timespan ticks -> [-][d.]hh:mm:ss[.fffffff]
  `CREATE OR REPLACE TEMP MACRO hb_format_timespan(x) AS
     CASE WHEN x IS NULL THEN NULL ELSE
       (CASE WHEN x < 0 THEN '-' ELSE '' END) ||
       (CASE WHEN abs(x) >= 864000000000 THEN CAST(abs(x) // 864000000000 AS VARCHAR) || '.' ELSE '' END) ||
       lpad(CAST((abs(x) // 36000000000) % 24 AS VARCHAR), 2, '0') || ':' ||
       lpad(CAST((abs(x) // 600000000) % 60 AS VARCHAR), 2, '0') || ':' ||
       lpad(CAST((abs(x) // 10000000) % 60 AS VARCHAR), 2, '0') ||
       (CASE WHEN abs(x) % 10000000 <> 0 THEN '.' || lpad(CAST(abs(x) % 10000000 AS VARCHAR), 7, '0') ELSE '' END)
     END`,
  // real -> Kusto (.NET) text: 1 not 1.0; 1E+15 from 1e15 up; 1E-05; NaN, Infinity, -Infinity
  `CREATE OR REPLACE TEMP MACRO hb_format_real(x) AS
     CASE WHEN x IS NULL THEN NULL
          WHEN isnan(x) THEN 'NaN'
          WHEN isinf(x) THEN (CASE WHEN x > 0 THEN 'Infinity' ELSE '-Infinity' END)
          WHEN x = trunc(x) AND abs(x) < 1e15 THEN CAST(CAST(x AS BIGINT) AS VARCHAR)
          WHEN abs(x) >= 1e15 AND abs(x) < 1e16 THEN
            (CASE WHEN x < 0 THEN '-' ELSE '' END) ||
            left(rtrim(replace(CAST(abs(x) AS VARCHAR), '.', ''), '0'), 1) ||
            (CASE WHEN length(rtrim(replace(CAST(abs(x) AS VARCHAR), '.', ''), '0')) > 1
                  THEN '.' || substr(rtrim(replace(CAST(abs(x) AS VARCHAR), '.', ''), '0'), 2) ELSE '' END) || 'E+15'
          ELSE replace(replace(CAST(x AS VARCHAR), 'e+', 'E+'), 'e-', 'E-') END`,
  // string -> datetime, floored to 100 ns: ISO 8601 (with or without zone), RFC 822/1123,
  // RFC 850, and MM/dd/yyyy; null when none fits
  `CREATE OR REPLACE TEMP MACRO hb_datetime_from_string(s) AS
     make_timestamp_ns(epoch_ns(COALESCE(
       TRY_CAST(trim(s) AS TIMESTAMP_NS),
       CAST(try_strptime(trim(s), ['%a, %d %b %y %H:%M:%S GMT', '%a, %d %b %y %H:%M:%S', '%a, %d %b %y %H:%M GMT', '%a, %d %b %y %H:%M', '%a, %d %b %Y %H:%M:%S GMT', '%a, %d %b %Y %H:%M:%S', '%a, %d %b %Y %H:%M GMT', '%a, %d %b %Y %H:%M', '%d %b %y %H:%M:%S GMT', '%d %b %y %H:%M:%S', '%d %b %y %H:%M GMT', '%d %b %y %H:%M', '%d %b %Y %H:%M:%S GMT', '%d %b %Y %H:%M:%S', '%d %b %Y %H:%M GMT', '%d %b %Y %H:%M', '%A, %d-%b-%y %H:%M:%S GMT', '%A, %d-%b-%y %H:%M:%S', '%A, %d-%b-%y %H:%M GMT', '%A, %d-%b-%y %H:%M', '%d-%b-%y %H:%M:%S GMT', '%d-%b-%y %H:%M:%S', '%d-%b-%y %H:%M GMT', '%d-%b-%y %H:%M', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m/%d/%Y', '%m-%d-%Y %H:%M:%S', '%m-%d-%Y']) AS TIMESTAMP_NS)
     )) // 100 * 100 - (CASE WHEN epoch_ns(COALESCE(TRY_CAST(trim(s) AS TIMESTAMP_NS), TIMESTAMP_NS '1970-01-01')) % 100 < 0 THEN 100 ELSE 0 END))`,
  // string -> timespan ticks: [-][d.]hh:mm[:ss[.fffffff]]
  `CREATE OR REPLACE TEMP MACRO hb_timespan_from_string(s) AS
     CASE WHEN regexp_full_match(trim(s), '-?(\\d+\\.)?\\d{1,2}:\\d{1,2}(:\\d{1,2}(\\.\\d{1,7})?)?') THEN
       (CASE WHEN starts_with(trim(s), '-') THEN -1 ELSE 1 END) * (
         COALESCE(TRY_CAST(regexp_extract(trim(s), '^-?(\\d+)\\.\\d{1,2}:', 1) AS BIGINT), 0) * 864000000000 +
         CAST(regexp_extract(trim(s), '^-?(?:\\d+\\.)?(\\d{1,2}):', 1) AS BIGINT) * 36000000000 +
         CAST(regexp_extract(trim(s), '^-?(?:\\d+\\.)?\\d{1,2}:(\\d{1,2})', 1) AS BIGINT) * 600000000 +
         COALESCE(TRY_CAST(regexp_extract(trim(s), '^-?(?:\\d+\\.)?\\d{1,2}:\\d{1,2}:(\\d{1,2})', 1) AS BIGINT), 0) * 10000000 +
         COALESCE(TRY_CAST(rpad(regexp_extract(trim(s), '\\.(\\d{1,7})$', 1), 7, '0') AS BIGINT), 0))
     ELSE NULL END`,
  // has: whole-term match, case-insensitive (terms are runs of letters and digits)
  `CREATE OR REPLACE TEMP MACRO hb_has(s, t) AS
     t = '' OR (contains(lower(s), lower(t)) AND regexp_matches(s, '(?i)(^|[^\\pL\\pN])' || regexp_escape(t) || '($|[^\\pL\\pN])'))`,
  `CREATE OR REPLACE TEMP MACRO hb_has_cs(s, t) AS
     t = '' OR (contains(s, t) AND regexp_matches(s, '(^|[^\\pL\\pN])' || regexp_escape(t) || '($|[^\\pL\\pN])'))`,
  `CREATE OR REPLACE TEMP MACRO hb_hasprefix(s, t) AS
     t = '' OR (contains(lower(s), lower(t)) AND regexp_matches(s, '(?i)(^|[^\\pL\\pN])' || regexp_escape(t)))`,
  `CREATE OR REPLACE TEMP MACRO hb_hassuffix(s, t) AS
     t = '' OR (contains(lower(s), lower(t)) AND regexp_matches(s, '(?i)' || regexp_escape(t) || '($|[^\\pL\\pN])'))`,
  ...STRING_PRELUDE,
  ...ENCODING_PRELUDE,
  ...TEXT_PARSE_PRELUDE,
  ...DYNAMIC_PRELUDE,
  ...IP_PRELUDE,
  ...MORE_STRINGS_PRELUDE,
  ...SERIES_STATS_PRELUDE,
  ...MISC_PRELUDE,
];

/**
 * Stands in for @kubernetes-models/validate in the bundle (scripts/bundle-options.mjs aliases it here).
 * The compiled validators import only its `formats`, and of those only the six below; the package's own
 * object brings every ajv format with URI and e-mail parsers (80 kB) that nothing here reads. Each is
 * the package's definition, written out; test/manifests/kubernetes-formats.test.ts holds them to it.
 */
// The package's rules, from ajv-formats (int32, int64, double, date-time) and its own (byte, quantity).
const MIN_INT32 = -(2 ** 31);
const MAX_INT32 = 2 ** 31 - 1;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NUMBER = String.raw`[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)`;
const QUANTITY = new RegExp(String.raw`^${NUMBER}(?:[KMGTPE]i|(?:[YZEPTGMkhdcmunpfazy]|da)|[eE]${NUMBER})?$`);
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function date(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS[month] ?? 0));
}

/** RFC 3339 time with a required offset, leap seconds at 23:59 UTC only (ajv-formats' "time" with strictTimeZone). */
function time(text: string): boolean {
  const match = TIME.exec(text);
  if (!match) return false;
  const hr = Number(match[1]);
  const min = Number(match[2]);
  const sec = Number(match[3]);
  const tz = match[4];
  const sign = match[5] === '-' ? -1 : 1;
  const tzH = Number(match[6] || 0);
  const tzM = Number(match[7] || 0);
  if (tzH > 23 || tzM > 59 || !tz) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}

function dateTime(text: string): boolean {
  const parts = text.split(/t|\s/i);
  return parts.length === 2 && date(parts[0] ?? '') && time(parts[1] ?? '');
}

export const formats = {
  int32: { type: 'number', validate: (value: number) => Number.isInteger(value) && value <= MAX_INT32 && value >= MIN_INT32 },
  int64: { type: 'number', validate: (value: number) => Number.isInteger(value) },
  double: { type: 'number', validate: () => true },
  'date-time': { type: 'string', validate: dateTime },
  byte: { type: 'string', validate: (value: string) => BASE64.test(value) },
  quantity: { type: 'string', validate: QUANTITY },
};

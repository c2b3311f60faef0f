/** What joining a classroom takes (its address, the join code, the learner's name), checked. Pure. */
export interface ClassroomJoin {
  url: string;
  code: string;
  name: string;
}

/** How the three are called where they were typed: options on the command line, fields on the screen. */
export interface JoinLabels {
  url: string;
  code: string;
  name: string;
}

export const OPTION_LABELS: JoinLabels = { url: '--classroom', code: '--code', name: '--name' };
/** The same, as the full screen's join form (j) names its fields. */
export const FIELD_LABELS: JoinLabels = { url: 'address', code: 'code', name: 'your name' };

/** The join's parts checked: an http(s) URL (its origin is kept), a code of letters and digits, a name. */
export function checkedJoin(url: string, code: string, name: string, labels: JoinLabels = OPTION_LABELS): ClassroomJoin | string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return `${labels.url} ${url}: not a URL (the instructor's screen shows it, like http://192.168.1.20:7777)`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${labels.url} ${url}: an http:// or https:// address`;
  if (!/^[A-Za-z0-9]{4,12}$/.test(code.trim())) return `${labels.code} ${code}: the join code is the letters and digits the instructor's screen shows`;
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 60) return `${labels.name}: your name as the instructor should see it, 1 to 60 characters`;
  return { url: parsed.origin, code: code.trim().toUpperCase(), name: trimmed };
}

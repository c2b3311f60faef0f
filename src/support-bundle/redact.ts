/**
 * Redaction: what a support bundle must not carry off the machine, taken out of every file before it
 * enters the archive (the one way in: redactFile). What is found is replaced by `[REDACTED:<kind>]`, so a
 * reader sees that something was there and what sort of thing, never its value.
 *
 * - private-key: a PEM private key block (`-----BEGIN … PRIVATE KEY-----` to its END line, or to the end of
 *   its base64 when the END was cut off), also with `\n` escapes inside a JSON string, and base64-encoded
 *   (`LS0tLS1CRUdJTi…`, as in client-key-data or a Secret's tls.key) when it decodes to one.
 * - jwt: `eyJ…` runs (a JSON Web Token, a service-account token), and base64 of one (`ZXlK…`).
 * - authorization: the value of an `Authorization:` or `Proxy-Authorization:` header, in any form.
 * - bearer: `Bearer <credential>` / `Basic <credential>` elsewhere (a credential has a digit, an inner capital
 *   or one of `+/=_~`, and 8 characters or more: "Bearer token" in prose stays).
 * - credential: the value of a field named as a credential: a last word token, password, passwd, passphrase
 *   or secret (`token:`, `refreshToken`, `client_secret`, `DB_PASSWORD=`, `--token=`, `"password": …`), a key
 *   (`api-key`, `private_key`, `tls.key`, `key.pem`, `ca-key.pem`, `*.key`), `auth` (a registry login),
 *   kubeconfig's client-key-data and client-certificate-data, and an env entry named so (`- name: X_TOKEN` with
 *   its `value:`). Booleans, null and empty values are left (`automountServiceAccountToken: false`), as are
 *   fields that only contain such a word (`tokenizer`, `secretName`, `token-ttl`).
 * - secret-data: every value under a Secret's `data:` / `stringData:` (YAML with its `kind` beside it; JSON
 *   parsed whole). A `data:` whose object's kind cannot be seen is treated as a Secret's; a ConfigMap's stays.
 * - known-token: token formats with a fixed shape (GitHub, GitLab, Slack, AWS access key ids, Google API keys,
 *   Kubernetes bootstrap tokens).
 * - url-credentials: `user:password@` in a URL.
 *
 * Kept on purpose: certificates (`-----BEGIN CERTIFICATE-----`, certificate-authority-data), which are public
 * and say what trusts what, except a kubeconfig's client-certificate-data, which names the credential.
 *
 * After redaction every file is checked again (leaks); one that still looks like it holds a secret is
 * left out of the bundle whole.
 */

export type RedactionKind = 'private-key' | 'jwt' | 'authorization' | 'bearer' | 'credential' | 'secret-data' | 'known-token' | 'url-credentials';

export type RedactionCounts = Partial<Record<RedactionKind, number>>;

export interface Redacted {
  text: string;
  found: RedactionCounts;
}

export function marker(kind: RedactionKind): string {
  return `[REDACTED:${kind}]`;
}

class Tally {
  readonly found: RedactionCounts = {};
  add(kind: RedactionKind, count = 1): void {
    this.found[kind] = (this.found[kind] ?? 0) + count;
  }
  merge(other: RedactionCounts): void {
    for (const [kind, count] of Object.entries(other) as [RedactionKind, number][]) this.add(kind, count);
  }
}

/** `refreshToken`, `client_secret`, `tls.key` → their words, lower case. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const SECRET_LAST_WORDS = new Set(['token', 'tokens', 'password', 'passwd', 'passphrase', 'secret']);
const SECRET_LAST_PAIRS = new Set(['api key', 'access key', 'secret key', 'private key', 'client key', 'signing key', 'encryption key', 'master key', 'auth key', 'tls key', 'key pem', 'key data', 'certificate data', 'cert data']);
/** Fields that hold a credential though their name is only that of a certificate or a login. */
const SECRET_WHOLE = new Set(['auth', 'apikey', 'client-certificate-data', 'client-key-data', 'privatekey', 'clientsecret', 'pass']);
/** `*-data` fields that are public: the CA kubeconfig and Istio carry. */
const PUBLIC_WHOLE = new Set(['certificate-authority-data', 'ca-data', 'ca-cert-data', 'root-cert-data']);

/** Whether a field of this name holds a credential. */
export function isSecretKey(key: string): boolean {
  const bare = key.trim().replace(/^["']|["']$/g, '');
  const lower = bare.toLowerCase();
  if (PUBLIC_WHOLE.has(lower)) return false;
  if (SECRET_WHOLE.has(lower)) return true;
  if (/\.key$/i.test(bare)) return true;
  const parts = words(bare);
  const last = parts.at(-1);
  if (last === undefined) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  if (parts.length >= 2 && SECRET_LAST_PAIRS.has(`${parts.at(-2)} ${last}`)) {
    // `key data` is client-key-data's kind; certificate-authority-data was kept above.
    return true;
  }
  return false;
}

/** Values no credential has: booleans, null, empty, a block or flow that opens on the next lines. */
function harmlessValue(value: string): boolean {
  const bare = value.trim().replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2');
  // A shell variable or command substitution is where a secret comes from, not the secret.
  return /^(?:|true|false|yes|no|on|off|null|~|\{\}|\[\]|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*)$/i.test(bare);
}

/** Whether a word looks like a credential rather than prose. */
function credentialLike(value: string, minimum = 8): boolean {
  return value.length >= minimum && (/[0-9+/=_~]/.test(value) || /.[A-Z]/.test(value));
}

// --- private keys ------------------------------------------------------------------------------------

const PEM_PRIVATE = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----/g;

function redactPrivateKeys(text: string, tally: Tally): string {
  let out = '';
  let from = 0;
  PEM_PRIVATE.lastIndex = 0;
  for (let match = PEM_PRIVATE.exec(text); match; match = PEM_PRIVATE.exec(text)) {
    const label = match[1] ?? 'PRIVATE KEY';
    const bodyStart = match.index + match[0].length;
    // Already redacted (a file read twice): as it is.
    if (text.startsWith(` ${marker('private-key')}`, bodyStart)) continue;
    const end = `-----END ${label}-----`;
    const endAt = text.indexOf(end, bodyStart);
    let blockEnd: number;
    let replacement = `-----BEGIN ${label}----- ${marker('private-key')}`;
    if (endAt !== -1 && endAt - bodyStart < 64 * 1024) {
      blockEnd = endAt + end.length;
      replacement += ` ${end}`;
    } else {
      // A block cut short (a log's tail): its base64 lines, its Proc-Type and DEK-Info headers, escaped newlines.
      // A line of base64 is long, or has a digit, + / or = (a short last line of letters alone is no key).
      const rest = /^(?:(?:\r?\n|\\r\\n|\\n)[ \t]*(?:[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]*[0-9+/=][A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info): [^\r\n\\]*)(?=\r?\n|\\r\\n|\\n|$))*/.exec(text.slice(bodyStart))?.[0] ?? '';
      blockEnd = bodyStart + rest.length;
    }
    out += text.slice(from, match.index) + replacement;
    tally.add('private-key');
    from = blockEnd;
    PEM_PRIVATE.lastIndex = blockEnd;
  }
  return out + text.slice(from);
}

/** Base64 runs that decode to a PEM private key or a JWT: `LS0tLS1CRUdJTi` is "-----BEGIN", `ZXlK` is "eyJ". */
function redactEncoded(text: string, tally: Tally): string {
  return text.replace(/(?<![A-Za-z0-9+/])(?:LS0tLS1CRUdJTi|ZXlK)[A-Za-z0-9+/]{8,}={0,2}(?:(?:\r?\n|\\n)[ \t]*[A-Za-z0-9+/]{16,}={0,2}(?=\r?\n|\\n|$|["'\s]))*/g, (run) => {
    const decoded = Buffer.from(run.replace(/\\n|\s/g, ''), 'base64').toString('latin1');
    if (/PRIVATE KEY/.test(decoded)) {
      tally.add('private-key');
      return marker('private-key');
    }
    if (/^eyJ[A-Za-z0-9_-]{8,}/.test(decoded)) {
      tally.add('jwt');
      return marker('jwt');
    }
    return run;
  });
}

// --- tokens and headers ------------------------------------------------------------------------------

const JWT = /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}/g;

const KNOWN_TOKENS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{30,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  // kubeadm's bootstrap tokens (kind's own is abcdef.0123456789abcdef).
  /(?<![A-Za-z0-9.-])[a-z0-9]{6}\.[a-z0-9]{16}(?![A-Za-z0-9.-])/g,
];

function redactTokens(text: string, tally: Tally): string {
  let out = text.replace(JWT, () => {
    tally.add('jwt');
    return marker('jwt');
  });
  for (const pattern of KNOWN_TOKENS) {
    out = out.replace(pattern, (token) => {
      // A bootstrap token's shape is also that of a host name now and then; it has digits in its second part.
      if (pattern === KNOWN_TOKENS.at(-1) && !/\.[a-z]*[0-9]/.test(token)) return token;
      tally.add('known-token');
      return marker('known-token');
    });
  }
  return out;
}

function redactHeaders(text: string, tally: Tally): string {
  // The header's whole value, up to the end of the line or the quote around it.
  let out = text.replace(/(\b(?:proxy-)?authorization\b(\\?["'])?[ \t]*[:=][ \t]*)(\\?["'])?([^"'\r\n\\]*)/gi, (whole, head: string, _close: string | undefined, open: string | undefined, value: string) => {
    if (value.trim() === '' || value.startsWith('[REDACTED')) return whole;
    tally.add('authorization');
    return `${head}${open ?? ''}${marker('authorization')}`;
  });
  out = out.replace(/\b(Bearer|Basic)([ \t]+)([A-Za-z0-9._~+/=-]+)/gi, (whole, scheme: string, space: string, credential: string) => {
    if (!credentialLike(credential) || credential.startsWith('[REDACTED')) return whole;
    tally.add('bearer');
    return `${scheme}${space}${marker('bearer')}`;
  });
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:"']+):([^\s/@"']+)@/gi, (_whole, scheme: string, user: string) => {
    tally.add('url-credentials');
    return `${scheme}${user}:${marker('url-credentials')}@`;
  });
  return out;
}

// --- fields named as credentials ---------------------------------------------------------------------

/** `"token": "…"` anywhere (JSON text that was not parsed whole), and `\"token\":\"…\"` (JSON inside a JSON string). */
function redactQuotedFields(text: string, tally: Tally): string {
  const replace = (whole: string, open: string, key: string, colon: string, quote: string, value: string): string => {
    if (!isSecretKey(key) || harmlessValue(value) || value.startsWith('[REDACTED')) return whole;
    tally.add('credential');
    return `${open}${key}${open}${colon}${quote}${marker('credential')}${quote}`;
  };
  const plain = text.replace(/(["'])([^"'\\\r\n]{1,80})\1(\s*:\s*)(")((?:[^"\\\r\n]|\\.)*)"/g, replace);
  return plain.replace(/(\\")([^"\\\r\n]{1,80})\\"(\s*:\s*)(\\")((?:(?!\\")[^\r\n])*)\\"/g, replace);
}

/** `KEY=value` (environment, shell) and `--key=value` / `--key value` (command lines). */
function redactAssignments(text: string, tally: Tally): string {
  const value = String.raw`("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s"'\`;&|,)}\]]+)`;
  let out = text.replace(new RegExp(String.raw`(?<![A-Za-z0-9_.-])(--?)([A-Za-z][A-Za-z0-9_.-]*)(=|[ \t]+)${value}`, 'g'), (whole, dashes: string, name: string, separator: string, given: string) => {
    if (!isSecretKey(name) || harmlessValue(given) || given.startsWith('-') || given.includes('[REDACTED')) return whole;
    // `--token file` reads from a file in some tools; a path is not the secret, but better safe: only `=` and credentials.
    if (separator.trim() === '' && !credentialLike(given.replace(/^["']|["']$/g, ''), 4) && !/^["']/.test(given)) return whole;
    tally.add('credential');
    return `${dashes}${name}${separator}${marker('credential')}`;
  });
  out = out.replace(new RegExp(String.raw`(?<![A-Za-z0-9_.$-])([A-Za-z_][A-Za-z0-9_]*)=${value}`, 'g'), (whole, name: string, given: string) => {
    if (!isSecretKey(name) || harmlessValue(given) || given.includes('[REDACTED')) return whole;
    tally.add('credential');
    return `${name}=${marker('credential')}`;
  });
  return redactInlineFields(out, tally);
}

/**
 * `token: …` inside a line (a log message, `error: token: …`): only a value that looks like a credential, so
 * "the token: expired" stays. Each `name:` is looked at, also one that follows another's.
 */
function redactInlineFields(text: string, tally: Tally): string {
  const field = /(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_.-]*)[ \t]*:[ \t]+/g;
  let out = '';
  let from = 0;
  for (let match = field.exec(text); match; match = field.exec(text)) {
    const valueAt = match.index + match[0].length;
    const given = /^[^\s"',;(){}[\]]+/.exec(text.slice(valueAt))?.[0];
    if (given === undefined || !isSecretKey(match[1] ?? '') || harmlessValue(given) || !credentialLike(given, 6)) {
      field.lastIndex = valueAt;
      continue;
    }
    tally.add('credential');
    out += `${text.slice(from, valueAt)}${marker('credential')}`;
    from = valueAt + given.length;
    field.lastIndex = from;
  }
  return out + text.slice(from);
}

/** A YAML mapping line: a quoted key, or a bare one without spaces (prose like "The secret: …" is not one). */
const YAML_KEY = /^([ \t]*(?:- +)*)(?:"([^"\r\n]+)"|'([^'\r\n]+)'|([^\s"':#][^\s"':#]*))([ \t]*):(?:([ \t]+)(.*))?$/;

/** Indentation of a line's content, counting a list item's `- ` as indentation. */
function keyIndent(line: string): number {
  return /^[ \t]*(?:- +)*/.exec(line)?.[0].length ?? 0;
}

function lineIndent(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

const BLOCK_SCALAR = /^[|>][+-]?[0-9]?[+-]?(?:\s+#.*)?$/;

/**
 * YAML (and YAML-like text: `kubectl describe`, log lines) line by line: credential fields, env entries
 * named as credentials, and Secrets' data. A block scalar under a redacted field is dropped with it.
 */
function redactYamlLines(text: string, tally: Tally): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const match = YAML_KEY.exec(line.replace(/\r$/, ''));
    if (!match) {
      out.push(line);
      continue;
    }
    const [, lead = '', doubleQuoted, singleQuoted, bareKey, space = '', gap, value = ''] = match;
    const key = doubleQuoted ?? singleQuoted ?? bareKey ?? '';
    const quote = doubleQuoted !== undefined ? '"' : singleQuoted !== undefined ? "'" : '';
    const indent = lead.length;
    if ((key === 'data' || key === 'stringData') && secretDataHere(lines, index, indent)) {
      const kept = redactSecretData(lines, index, indent, tally);
      out.push(...kept.lines);
      index = kept.next - 1;
      continue;
    }
    if (key === 'name' && /-/.test(lead) && isSecretKey(value.replace(/\s+#.*$/, '').trim().replace(/^["']|["']$/g, ''))) {
      // `- name: GITHUB_TOKEN` and the `value:` of the same list item.
      out.push(line);
      for (index++; index < lines.length; index++) {
        const next = lines[index] ?? '';
        if (next.trim() !== '' && lineIndent(next) < indent) break;
        const valueMatch = /^([ \t]*)value([ \t]*):[ \t]+(.*)$/.exec(next);
        if (valueMatch && lineIndent(next) === indent && !harmlessValue(valueMatch[3] ?? '') && !(valueMatch[3] ?? '').includes('[REDACTED')) {
          tally.add('credential');
          out.push(`${valueMatch[1] ?? ''}value${valueMatch[2] ?? ''}: ${marker('credential')}`);
          index = skipBlock(lines, index + 1, indent, BLOCK_SCALAR.test((valueMatch[3] ?? '').trim())) - 1;
          continue;
        }
        out.push(next);
      }
      index--;
      continue;
    }
    if (gap !== undefined && isSecretKey(key) && !harmlessValue(value) && !/^[{[&*]/.test(value.trim()) && !value.includes('[REDACTED')) {
      tally.add('credential');
      out.push(`${lead}${quote}${key}${quote}${space}:${gap}${marker('credential')}`);
      index = skipBlock(lines, index + 1, indent, BLOCK_SCALAR.test(value.trim())) - 1;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** The index after a block scalar's lines (those indented more than `indent`), or `from` when there is none. */
function skipBlock(lines: readonly string[], from: number, indent: number, block: boolean): number {
  if (!block) return from;
  let index = from;
  while (index < lines.length && ((lines[index] ?? '').trim() === '' || lineIndent(lines[index] ?? '') > indent)) index++;
  // Blank lines after the block belong to what follows.
  while (index > from && (lines[index - 1] ?? '').trim() === '') index--;
  return index;
}

/**
 * Whether the `data:` on line `at` belongs to a Secret: the `kind:` among its siblings (before or after it,
 * kubectl sorts keys), and when no kind can be seen, yes.
 */
function secretDataHere(lines: readonly string[], at: number, indent: number): boolean {
  const kindOf = (line: string): string | undefined => (keyIndent(line) === indent ? /^[ \t]*(?:- +)*["']?kind["']?[ \t]*:[ \t]*["']?([A-Za-z0-9]+)/.exec(line)?.[1] : undefined);
  const startsItem = (line: string): boolean => /^[ \t]*- /.test(line) && keyIndent(line) === indent;
  let kind: string | undefined;
  // Backwards to the object's first key.
  if (!startsItem(lines[at] ?? '')) {
    for (let index = at - 1; index >= 0 && kind === undefined; index--) {
      const line = lines[index] ?? '';
      if (line.trim() === '' || lineIndent(line) > indent) continue;
      // A sequence written at its key's indentation belongs to an earlier sibling.
      if (/^[ \t]*- /.test(line) && lineIndent(line) === indent) continue;
      if (/^---/.test(line) || keyIndent(line) < indent) break;
      kind = kindOf(line);
      if (startsItem(line)) break;
    }
  }
  for (let index = at + 1; index < lines.length && kind === undefined; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || lineIndent(line) > indent || (/^[ \t]*- /.test(line) && lineIndent(line) === indent)) continue;
    if (/^---/.test(line) || keyIndent(line) < indent || startsItem(line)) break;
    kind = kindOf(line);
  }
  return kind === undefined || kind === 'Secret';
}

/** A Secret's `data:` block with every value replaced; its keys stay (which entries it holds). */
function redactSecretData(lines: readonly string[], at: number, indent: number, tally: Tally): { lines: string[]; next: number } {
  const head = lines[at] ?? '';
  const inline = /:[ \t]*(.*)$/.exec(head)?.[1]?.trim() ?? '';
  const out: string[] = [];
  if (inline !== '' && !inline.startsWith('#') && inline !== '{}' && !BLOCK_SCALAR.test(inline)) {
    tally.add('secret-data');
    out.push(`${head.slice(0, head.indexOf(':') + 1)} ${marker('secret-data')}`);
  } else out.push(head);
  let index = at + 1;
  let childIndent: number | undefined;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      out.push(line);
      continue;
    }
    if (lineIndent(line) <= indent) break;
    childIndent ??= lineIndent(line);
    const entry = /^([ \t]*)(["']?[^"':#]+["']?|"[^"]*"|'[^']*')([ \t]*):(?:[ \t]+(.*))?$/.exec(line);
    if (lineIndent(line) === childIndent && entry) {
      const value = entry[4] ?? '';
      if (value.trim() === '' || value.trim() === '""' || value.trim() === "''") out.push(line);
      else {
        tally.add('secret-data');
        out.push(`${entry[1] ?? ''}${entry[2] ?? ''}${entry[3] ?? ''}: ${marker('secret-data')}`);
      }
    }
    // Anything deeper (a block scalar's lines, a nested value) goes with the value it belongs to.
  }
  while (out.length > 1 && (out.at(-1) ?? '').trim() === '') {
    out.pop();
    index--;
  }
  return { lines: out, next: index };
}

/** `"data": { … }` in JSON text that was not parsed whole: every string in it that is not a key. */
function redactJsonData(text: string, tally: Tally): string {
  const opener = /"(?:data|stringData)"\s*:\s*\{/g;
  let out = '';
  let from = 0;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    let index = match.index + match[0].length;
    let depth = 1;
    let body = '';
    while (index < text.length && depth > 0) {
      const char = text[index] ?? '';
      if (char === '"') {
        const literal = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(index))?.[0] ?? text.slice(index);
        const isKey = /^\s*:/.test(text.slice(index + literal.length));
        if (!isKey && literal !== '""') {
          body += `"${marker('secret-data')}"`;
          tally.add('secret-data');
        } else body += literal;
        index += literal.length;
        continue;
      }
      if (char === '{' || char === '[') depth++;
      if (char === '}' || char === ']') depth--;
      body += char;
      index++;
    }
    out += text.slice(from, match.index + match[0].length) + body;
    from = index;
    opener.lastIndex = index;
  }
  return out + text.slice(from);
}

/** The text passes, in order: whole blocks first (keys, encoded keys), then tokens, headers and fields. */
function redactPlain(text: string, tally: Tally): string {
  let out = redactPrivateKeys(text, tally);
  out = redactEncoded(out, tally);
  out = redactTokens(out, tally);
  out = redactHeaders(out, tally);
  out = redactJsonData(out, tally);
  out = redactQuotedFields(out, tally);
  out = redactYamlLines(out, tally);
  return redactAssignments(out, tally);
}

/** A line that is one JSON object (a JSON log line, an event), redacted as JSON, or undefined. */
function jsonLine(line: string, tally: Tally): string | undefined {
  const trimmed = line.trim();
  if (trimmed.length < 2 || !trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const redacted = redactJson(JSON.parse(trimmed) as unknown);
    tally.merge(redacted.found);
    return `${line.slice(0, line.indexOf('{'))}${JSON.stringify(redacted.value)}`;
  } catch {
    return undefined;
  }
}

/** Text in any form: YAML, logs, JSON lines, JSON that did not parse whole. */
export function redactText(text: string): Redacted {
  const tally = new Tally();
  const out: string[] = [];
  let plain: string[] = [];
  const flush = (): void => {
    if (plain.length > 0) out.push(redactPlain(plain.join('\n'), tally));
    plain = [];
  };
  for (const line of text.split('\n')) {
    // A JSON object on a line of its own is read as JSON, so a Secret in it is known by its kind.
    const json = jsonLine(line, tally);
    if (json === undefined) plain.push(line);
    else {
      flush();
      out.push(json);
    }
  }
  flush();
  return { text: out.join('\n'), found: tally.found };
}

/** A parsed JSON value with the same rules, knowing each object's kind. */
export function redactJson(value: unknown): { value: unknown; found: RedactionCounts } {
  const tally = new Tally();
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && isSecretKey(key) && !harmlessValue(node)) {
        tally.add('credential');
        return marker('credential');
      }
      const trimmed = node.trim();
      if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
        // JSON inside a string (kubectl's last-applied-configuration): redacted as JSON, then put back.
        try {
          return JSON.stringify(walk(JSON.parse(trimmed) as unknown));
        } catch {
          // Not JSON after all: text.
        }
      }
      const redacted = redactText(node);
      tally.merge(redacted.found);
      return redacted.text;
    }
    if (typeof node === 'number' && key !== undefined && isSecretKey(key)) {
      tally.add('credential');
      return marker('credential');
    }
    if (Array.isArray(node)) {
      if (node.length > 1 && node.every((item) => typeof item === 'string')) {
        // Lines of output: redacted together, so a YAML block split over them is seen whole.
        const redacted = redactText(node.join('\n'));
        tally.merge(redacted.found);
        return redacted.text.split('\n');
      }
      return node.map((item) => walk(item));
    }
    if (typeof node === 'object' && node !== null) {
      const object = node as Record<string, unknown>;
      const secret = object.kind === 'Secret';
      const envName = typeof object.name === 'string' && 'value' in object && isSecretKey(object.name);
      return Object.fromEntries(
        Object.entries(object).map(([field, child]) => {
          if (secret && (field === 'data' || field === 'stringData') && typeof child === 'object' && child !== null) {
            return [field, Object.fromEntries(Object.entries(child).map(([entry, content]) => {
              if (content === '' || content === null) return [entry, content];
              tally.add('secret-data');
              return [entry, marker('secret-data')];
            }))];
          }
          if (envName && field === 'value' && typeof child === 'string' && !harmlessValue(child)) {
            tally.add('credential');
            return [field, marker('credential')];
          }
          return [field, walk(child, field)];
        }),
      );
    }
    return node;
  };
  return { value: walk(value), found: tally.found };
}

/** A file's content, redacted by its kind: `.json` and `.jsonl` parsed when they parse, anything else as text. */
export function redactFile(name: string, content: string): Redacted {
  if (name.endsWith('.json')) {
    try {
      const redacted = redactJson(JSON.parse(content) as unknown);
      return { text: `${JSON.stringify(redacted.value, null, 2)}\n`, found: redacted.found };
    } catch {
      // Not JSON: as text.
    }
  }
  // A .jsonl file's lines are JSON objects: redactText reads each as JSON.
  return redactText(content);
}

/**
 * What still looks like a secret in redacted text: the last check before a file enters the bundle. Only
 * shapes that are secrets whatever surrounds them (field names need their context, which redaction had).
 */
export function leaks(text: string): string[] {
  const found: string[] = [];
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?![ \t]*\[REDACTED:private-key\])/.test(text)) found.push('a private key block');
  if (new RegExp(JWT.source).test(text)) found.push('a JSON Web Token');
  for (const run of text.match(/(?<![A-Za-z0-9+/])(?:LS0tLS1CRUdJTi|ZXlK)[A-Za-z0-9+/]{8,}={0,2}/g) ?? []) {
    const decoded = Buffer.from(run, 'base64').toString('latin1');
    if (/PRIVATE KEY/.test(decoded)) found.push('a base64-encoded private key');
    else if (/^eyJ[A-Za-z0-9_-]{8,}/.test(decoded)) found.push('a base64-encoded JSON Web Token');
  }
  for (const match of text.matchAll(/\b(?:Bearer|Basic)[ \t]+([A-Za-z0-9._~+/=-]+)/gi)) if (credentialLike(match[1] ?? '') && !(match[1] ?? '').startsWith('[REDACTED')) found.push('a bearer credential');
  for (const pattern of KNOWN_TOKENS.slice(0, -1)) if (new RegExp(pattern.source).test(text)) found.push('a token of a known format');
  return [...new Set(found)];
}

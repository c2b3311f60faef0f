/**
 * The kubeconfig files a step must leave alone, as the context guard finds them in a command's words.
 * The learner's own (the usual places: ~/.kube, ~/.minikube, /etc/kubernetes/*.conf, k3s's and rke2's,
 * and whatever their own KUBECONFIG named) must not be read or written at all: a copy of it is a way to
 * their other clusters that no context check sees. The workshop's own may be read, but written only by
 * the workshop's tools (kind, and kubectl config for the workshop's contexts, which the guard checks):
 * `cp other "$KUBECONFIG"` would put another cluster where the guard trusts only workshop contexts.
 */
import path from 'node:path';
import type { Word } from './shell-words.js';

export interface KubeconfigFiles {
  /** The workshop's kubeconfig, absolute. */
  workshop: string;
  /** The learner's home folder (what ~ and $HOME are). */
  home: string;
  /** The files the learner's own KUBECONFIG named, absolute. */
  learners: readonly string[];
  /** Where relative paths start (the step's working directory). */
  cwd: string;
}

/** A `.kube` or `.minikube` folder anywhere: whoever's home it is in, it holds cluster credentials. */
const CREDENTIAL_FOLDER = /(?:^|\/)\.(?:kube|minikube)(?:\/|$)/;
/** System places that hold cluster credentials: kubeadm's *.conf and keys, k3s, rke2, microk8s. */
const SYSTEM_PLACES = [
  /^\/etc\/kubernetes(?:\/?$|\/pki(?:\/|$)|\/(?:[^/]+\/)*[^/]+\.conf$)/,
  /^\/etc\/rancher(?:\/|$)/,
  /^\/var\/lib\/rancher\/(?:k3s|rke2)\/server\/cred(?:\/|$)/,
  /^\/var\/snap\/microk8s\/current\/credentials(?:\/|$)/,
];
/** Where a path stops: what separates a path from the rest of a word (`--from-file=…`, `open('…')`, `-v a:b`). */
const SEPARATORS = /[\s'"=:,;()<>|&`]+/;
const GLOB = /[*?[]/;

/** The places above as concrete paths, for telling whether a glob (`~/.ku*`, `/etc/kube*` + `/admin.conf`) can match one. */
function knownPlaces(files: KubeconfigFiles): string[] {
  return [
    ...[files.home, '/root'].flatMap((home) => [`${home}/.kube`, `${home}/.kube/config`, `${home}/.minikube`]),
    '/etc/kubernetes',
    '/etc/kubernetes/admin.conf',
    '/etc/kubernetes/super-admin.conf',
    '/etc/kubernetes/pki',
    '/etc/rancher',
    '/etc/rancher/k3s/k3s.yaml',
    '/etc/rancher/rke2/rke2.yaml',
    ...files.learners,
  ];
}

/** A shell glob as a regular expression over a whole path (`*` and `?` stay inside one folder). */
function globPattern(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    const close = c === '[' ? glob.indexOf(']', i + 2) : -1;
    if (c === '*') pattern += '[^/]*';
    else if (c === '?') pattern += '[^/]';
    else if (close > 0) {
      pattern += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = close;
    } else pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${pattern}$`);
  } catch {
    // A bracket bash would take literally (`[z-a]`) matches no place either.
    return /(?!)/;
  }
}

/** The path a token stands for: ~ and $HOME expanded, made absolute from cwd. */
function resolved(token: string, files: KubeconfigFiles): string {
  const expanded = token.replace(/^~(?=\/|$)/, files.home).replace(/^\$(?:HOME\b|\{HOME\})/, files.home);
  return path.posix.resolve(files.cwd, expanded);
}

function isCredentialPlace(token: string, absolute: string, files: KubeconfigFiles): boolean {
  if (CREDENTIAL_FOLDER.test(token) || CREDENTIAL_FOLDER.test(absolute)) return true;
  if (SYSTEM_PLACES.some((place) => place.test(absolute))) return true;
  return files.learners.includes(absolute);
}

/** A glob that bash could expand to one of the places (`~/.k*`, `/root/.ku?e`). */
function globReaches(absolute: string, files: KubeconfigFiles): boolean {
  const pattern = globPattern(absolute);
  return knownPlaces(files).some((place) => pattern.test(place));
}

/** Whether a path is the workshop's own state (its kubeconfig, its folder), which is not the learner's. */
function isWorkshops(absolute: string, files: KubeconfigFiles): boolean {
  const folder = path.dirname(files.workshop);
  const inside = absolute.startsWith(`${folder}/`);
  // A state folder inside ~/.kube (an odd --home) does not make ~/.kube/config the workshop's.
  return inside && !files.learners.includes(absolute) && absolute !== `${files.home}/.kube/config`;
}

/**
 * The learner's kubeconfig (or a folder of them) that a text names, as the path it stands for; undefined
 * when none. `globs`: the text is a word bash expands globs in (unquoted), so `~/.ku*` counts.
 */
export function learnersKubeconfigIn(text: string, files: KubeconfigFiles, globs: boolean): string | undefined {
  for (const token of text.split(SEPARATORS)) {
    if (token === '' || token === '~') continue;
    const absolute = resolved(token, files);
    if (isWorkshops(absolute, files)) continue;
    if (isCredentialPlace(token, absolute, files) || (globs && GLOB.test(token) && globReaches(absolute, files))) {
      return absolute.includes('$') ? token : absolute;
    }
  }
  return undefined;
}

/** Whether a value (a word as bash passes it) is the workshop's kubeconfig. */
export function isWorkshopKubeconfig(value: string, files: KubeconfigFiles): boolean {
  return path.posix.resolve(files.cwd, value) === files.workshop;
}

/** Commands that copy their operands to the last one (or to `-t FOLDER`). */
const COPIERS = new Set(['cp', 'mv', 'install', 'ln', 'rsync', 'scp']);
/** Commands that write (or remove) every file they are given. */
const WRITE_ALL = new Set(['tee', 'truncate', 'rm', 'unlink', 'shred']);
/** Commands that rewrite their files in place when given -i (`sed -i`, `perl -pi`, `yq -i`). */
const IN_PLACE = new Set(['sed', 'perl', 'yq', 'gawk']);

function operands(args: readonly Word[]): Word[] {
  return args.filter((arg) => !(arg.values[0] ?? arg.prefix ?? arg.raw).startsWith('-'));
}

function valuesOf(words: readonly Word[]): string[] {
  return words.flatMap((word) => word.values);
}

/** A folder that is the workshop kubeconfig's, given a source of the same name: `cp x/kubeconfig "$MESH_WORKSHOP_HOME"`. */
function copiesInto(folder: Word, sources: readonly Word[], files: KubeconfigFiles): boolean {
  const isFolder = folder.values.some((value) => path.posix.resolve(files.cwd, value) === path.dirname(files.workshop));
  return isFolder && valuesOf(sources).some((source) => path.posix.basename(source) === path.basename(files.workshop));
}

/** Whether a command writes into the workshop's kubeconfig through the files it names (not a redirection). */
export function writesWorkshopKubeconfig(program: string, args: readonly Word[], files: KubeconfigFiles): boolean {
  const names = (word: Word): boolean => word.values.some((value) => isWorkshopKubeconfig(value, files));
  const given = operands(args);
  if (COPIERS.has(program)) {
    const option = args.findIndex((arg) => arg.values.some((value) => value === '-t' || value === '--target-directory'));
    const inline = args.flatMap((arg) => arg.values.filter((value) => value.startsWith('--target-directory=')).map((value) => ({ ...arg, values: [value.slice(value.indexOf('=') + 1)] })));
    const folder = inline[0] ?? (option >= 0 ? args[option + 1] : undefined);
    if (folder) return copiesInto(folder, given.filter((word) => word !== folder), files);
    const last = given.at(-1);
    return given.length >= 2 && last !== undefined && (names(last) || copiesInto(last, given.slice(0, -1), files));
  }
  if (WRITE_ALL.has(program)) return given.some(names);
  if (IN_PLACE.has(program) && args.some((arg) => arg.values.some((value) => /^-[A-Za-z]*i|^--in-place/.test(value)))) return given.some(names);
  if (program === 'dd') return args.some((arg) => arg.values.some((value) => value.startsWith('of=') && isWorkshopKubeconfig(value.slice(3), files)));
  return false;
}

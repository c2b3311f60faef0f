// Lesson vm (08-vm): the facts its steps depend on that can be read without Docker.
//
// 1. One Istio version: the VM's proxyv2 image is the pinned release (PINNED.istio), the release of the
//    istio-sidecar.deb it installs. Over an image of another release, `dpkg -i` finds the image's own
//    /var/lib/istio/envoy/envoy_bootstrap_tmpl.json, a conffile of the package (tools/packaging/packaging.mk,
//    --config-files), differing from the package's, and stops at dpkg's conffile prompt.
// 2. The VM joins in three steps, each can run again: vm-own-network makes the VM (on a Docker network of its
//    own, behind a router), vm-install copies the files and installs the package, start-vm starts the proxy.
//    start-vm can run again. istio-start.sh (tools/packaging/common/istio-start.sh, release-1.31) installs
//    the capture rules (`pilot-agent istio-iptables`, after `--cleanup-only`) and then execs the agent; nothing
//    else installs them, and `istio-start.sh clean` removes them. The step flushes every iptables table, so a
//    run that flushes while the agent keeps running leaves the VM without capture (issue 12).
//
// The last block runs the steps' own scripts, in order, with a STAND-IN for docker and kubectl on PATH: a few lines of
// bash that keep a model VM's state in files (is the agent running, are capture rules installed, is the
// package installed) and change it when the script's commands say so, following istio-start.sh as quoted
// above. It tests the script's branching on a first run, a second run, a run after a failed one, and over a
// VM of another release. It says nothing about a real VM, a real Docker or a real Istio: only
// `npm run test:e2e` on a machine with Docker does.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { clusterEnvironment } from '../../src/cluster/step-environment.js';
import { currentPlatform, downloadsFor, PINNED } from '../../src/cluster/versions.js';
import { BASH_ARGS } from '../../src/engine/run-shell.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { RESERVED_VARIABLES } from '../../src/lesson/schema.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';
import { tempDir } from '../helpers/lessons.js';

const loaded = loadLessonPack('lessons').lessons.find((entry) => entry.lesson.id === 'vm');
if (!loaded) throw new Error('lesson vm not found');
const { lesson } = loaded;
const step = (id: string) => {
  const found = allSteps(lesson).find((candidate) => candidate.id === id);
  if (!found?.run) throw new Error(`vm has no step ${id} with a script`);
  return found;
};
const startVm = step('start-vm').run ?? '';
const makeVm = step('vm-own-network').run ?? '';
const installVm = step('vm-install').run ?? '';
/** The three steps that bring the VM from nothing to joined, in the lesson's order. */
const JOIN = [makeVm, installVm, startVm];
const PROXY_IMAGE = 'registry.istio.io/release/proxyv2';

describe('vm: one Istio version for the VM image and the VM package', () => {
  it("the proxyv2 image the lesson declares (for prefetch) is the pinned release's", () => {
    const declared = (lesson.images ?? []).filter((image) => image.startsWith(`${PROXY_IMAGE}:`));
    expect(declared).toEqual([`${PROXY_IMAGE}:${PINNED.istio}`]);
  });

  it('the step that makes the VM takes the tag from ${ISTIO_VERSION} and no step names a tag of its own', () => {
    expect(makeVm).toContain(`${PROXY_IMAGE}:\${ISTIO_VERSION}`);
    expect(startVm).not.toMatch(/proxyv2:\d/);
    for (const candidate of allSteps(lesson)) expect(candidate.run ?? '', candidate.id).not.toMatch(/proxyv2:\d/);
  });

  it('ISTIO_VERSION is the pinned release in every step, the version of the VM package download, and reserved', () => {
    expect(clusterEnvironment(tempDir('mw-home-')).ISTIO_VERSION).toBe(PINNED.istio);
    expect(downloadsFor(currentPlatform()).find((download) => download.tool === 'istio-sidecar.deb')?.version).toBe(PINNED.istio);
    expect(RESERVED_VARIABLES).toContain('ISTIO_VERSION');
  });
});

describe('vm: what its setup and text rest on', () => {
  it('setup checks the Docker engine and the VM package before any lesson step', () => {
    const scripts = (lesson.setup ?? []).map((candidate) => candidate.run ?? '').join('\n');
    expect(scripts).toMatch(/docker version/);
    expect(scripts).toMatch(/\$ISTIO_SIDECAR_DEB|\$\{ISTIO_SIDECAR_DEB\}/);
    // cluster-ready stays first: without a cluster, the learner is told to create it (cluster-lessons.test.ts).
    expect(lesson.setup?.[0]?.id).toBe('cluster-ready');
  });

  it('the WorkloadGroup has a probe, so "health checks on" checks something', () => {
    // The learner writes it (task workload-group); the finished file has the probe, and a check requires one.
    const task = allSteps(lesson).find((candidate) => candidate.id === 'workload-group');
    expect(typeof task?.task === 'object' ? task.task.reference : undefined).toBe('tasks/solved/workloadgroup.yaml');
    const group = parse(readFileSync(path.join(loaded.dir, 'tasks', 'solved', 'workloadgroup.yaml'), 'utf8')) as { spec: { probe?: { httpGet?: { port: number } } } };
    expect(group.spec.probe?.httpGet?.port).toBe(8080);
    expect(stepChecks(task!).some((check) => 'jsonpath' in check && check.jsonpath.includes('.spec.probe.httpGet.port') && check.run?.includes('get workloadgroup vm-app'))).toBe(true);
  });

  it('no hint points at EndpointSlices to find the VM (a WorkloadEntry is in Istio registry only)', () => {
    for (const candidate of allSteps(lesson)) {
      const hints = candidate.hint === undefined ? [] : Array.isArray(candidate.hint) ? candidate.hint : [candidate.hint];
      for (const hint of hints) expect(hint, candidate.id).not.toMatch(/get [a-z,]*endpointslices/);
    }
  });
});

describe('vm: the VM on a network of its own, read dry', () => {
  it('the VM is started on its own Docker network, and the router alone joins kind\'s', () => {
    const runs = makeVm.split('\n').filter((line) => /docker run /.test(line));
    expect(runs.filter((line) => line.includes('--name "$VM"'))).toEqual([expect.stringContaining('--network "$NET"')]);
    expect(makeVm).toMatch(/docker network connect kind "\$ROUTER"/);
    expect(makeVm).not.toMatch(/docker network connect kind "\$VM"/);
  });
  it('no step gives the VM a route to the pods (it reaches them only through the east-west gateway)', () => {
    for (const candidate of allSteps(lesson)) expect(candidate.run ?? '', candidate.id).not.toMatch(/POD_CIDR|podCIDR/);
  });
  it('the WorkloadGroup puts the VM on vm-network, and the gateway is network1\'s', () => {
    const group = parse(readFileSync(path.join(loaded.dir, 'tasks', 'solved', 'workloadgroup.yaml'), 'utf8')) as { spec: { template: { network?: string } } };
    expect(group.spec.template.network).toBe('vm-network');
    expect(step('install-istio').run).toMatch(/gen-eastwest-gateway\.sh" --network network1/);
  });
});

describe('vm start-vm, read dry', () => {
  const at = (pattern: RegExp) => startVm.search(pattern);
  it('looks for a running agent by its process before the flush, and starts istio-start.sh after it, unconditionally', () => {
    const running = at(/grep -qsxE "pilot-agent\|envoy" \/proc\/\[0-9\]\*\/comm/);
    const flush = at(/iptables -t nat -F/);
    const start = at(/-d "\$VM" \/usr\/local\/bin\/istio-start\.sh\s*$/m);
    expect(running).toBeGreaterThan(-1);
    expect(flush).toBeGreaterThan(running);
    expect(start).toBeGreaterThan(flush);
    // The start is not inside an if/case: the line begins at the script's own indentation.
    expect(startVm.slice(startVm.lastIndexOf('\n', start) + 1, start)).toMatch(/^docker exec/);
    // No port test decides whether to start (the agent's port can be closed while it runs, or held by a stray Envoy).
    expect(startVm).not.toMatch(/ss -ltn/);
  });
  it('writes resolv.conf before the start (the DNS capture rules are made for the servers listed there)', () => {
    expect(at(/nameserver 8\.8\.8\.8/)).toBeLessThan(at(/-d "\$VM" \/usr\/local\/bin\/istio-start\.sh/));
  });
});

// ---- the script's branching, against a stand-in for docker ----------------------------------------

/** A stand-in for docker (see the header): state in $STUB_STATE, one event per line in $STUB_STATE/events. */
const STUB_DOCKER = String.raw`#!/usr/bin/env bash
# Stand-in for docker in a unit test of a lesson script's branching. Not docker; models a VM's state only.
set -u
S=$STUB_STATE
event() { echo "$*" >> "$S/events"; }
has() { [ -f "$S/$1" ]; }
VM=mesh-workshop-vm
cmd=$1; shift
case "$cmd" in
  network)
    # The VM's Docker network: always there once created; its subnet.
    case "$1 $*" in "inspect "*" -f "*) echo "172.19.0.0/16 " ;; esac ;;
  inspect)
    if [ "$1" != -f ]; then has container; exit; fi
    fmt=$2; name=$3
    case "$fmt" in
      *Config.Image*)
        # Only the VM is modelled; the router is always the pinned image.
        if [ "$name" != "$VM" ]; then echo "registry.istio.io/release/proxyv2:$ISTIO_VERSION true"; exit 0; fi
        has container || { echo "Error: No such object: $name" >&2; exit 1; }; cat "$S/container" ;;
      *IPAddress*) if [ "$name" = "$VM" ]; then echo 172.19.0.3; else echo 172.18.0.2; fi ;;
      *) exit 1 ;;
    esac ;;
  rm)
    case " $* " in *" $VM "*) rm -f "$S/container" "$S/running" "$S/rules" "$S/installed" "$S/resolv"; event rm ;; esac ;;
  run)
    init=false; prev=""; image=""; network=""; name=""
    for a in "$@"; do
      [ "$a" = --init ] && init=true; [ "$a" = infinity ] && image=$prev
      [ "$prev" = --network ] && network=$a; [ "$prev" = --name ] && name=$a; prev=$a
    done
    [ "$name" = "$VM" ] || exit 0
    echo "$image $init $network" > "$S/container"; echo docker > "$S/resolv"; event "run $image"; echo 3f2a9c ;;
  start) [ "$1" != "$VM" ] || has container || exit 1 ;;
  cp) event cp ;;
  exec)
    detach=false
    while :; do
      case "$1" in -d) detach=true; shift ;; -u|-w|-e) shift 2 ;; -*) shift ;; *) break ;; esac
    done
    target=$1
    shift
    script="$*"
    # Only the VM is modelled; the router and the node accept their commands.
    [ "$target" = "$VM" ] || exit 0
    if $detach; then
      case "$script" in
        *istio-start.sh*)
          # istio-start.sh: --cleanup-only, then the capture rules (DNS to the servers in resolv.conf), then the agent.
          has installed || exit 1
          if has running; then event start-while-running; fi
          cp "$S/resolv" "$S/rules"; touch "$S/running"; event start ;;
      esac
      exit 0
    fi
    stopped=false
    while IFS= read -r line; do
      case "$line" in
        *"grep -q"*/comm*) if has running; then exit 0; else exit 1; fi ;;
        *kill*) if ! $stopped; then rm -f "$S/running"; stopped=true; event stop; fi ;;
        *"istio-start.sh clean"*) if has installed; then rm -f "$S/rules"; event clean; fi ;;
        *"iptables -t nat -F"*) rm -f "$S/rules"; event flush ;;
        *"nameserver 8.8.8.8"*) echo 8.8.8.8 > "$S/resolv" ;;
        *"dpkg-query"*) if has installed; then printf 'istio-sidecar\t%s\n' "$ISTIO_VERSION"; else exit 1; fi ;;
        *"dpkg -i"*) if has dpkg-fails; then rm -f "$S/dpkg-fails"; echo "dpkg: error processing archive" >&2; exit 1; fi; touch "$S/installed"; event dpkg ;;
        *"cp /vmfiles/istio-token"*) event token ;;
        *"ss -ltn"*) if has running; then echo "LISTEN 0 4096 127.0.0.1:15000 0.0.0.0:*"; fi ;;
      esac
    done <<< "$script"
    ;;
  *) echo "stub docker: $cmd not modelled" >&2; exit 1 ;;
esac
`;
const STUB_KUBECTL = [
  '#!/usr/bin/env bash',
  '# Stand-in for kubectl: every command succeeds and prints an address (a podCIDR, a pod IP, a gateway IP alike);',
  '# `apply -f -` reads its input, as kubectl does (else the writer of the pipe dies of SIGPIPE under pipefail).',
  'case " $* " in *" -f - "*) cat >/dev/null ;; esac',
  'echo 10.244.0.0/24',
  '',
].join('\n');

/** The step's script as it was before issue 12 (commit a131481), to show the model catches the bug. */
const BEFORE_ISSUE_12 = String.raw`
docker inspect mesh-workshop-vm >/dev/null 2>&1 \
  || docker run -d --name mesh-workshop-vm --hostname vm --network kind --user 0 --entrypoint sleep \
       registry.istio.io/release/proxyv2:1.31.1 infinity
docker start mesh-workshop-vm >/dev/null
docker exec mesh-workshop-vm mkdir -p /vmfiles
docker cp "$LESSON_TMP/vm/." mesh-workshop-vm:/vmfiles/
docker cp "$ISTIO_SIDECAR_DEB" mesh-workshop-vm:/tmp/istio-sidecar.deb
NODE_IP=$(docker inspect -f '{{.NetworkSettings.Networks.kind.IPAddress}}' "${'$'}{CTX_CLUSTER1#kind-}-control-plane")
POD_CIDR=$(kubectl --context "$CTX_CLUSTER1" get node -o jsonpath='{.items[0].spec.podCIDR}')
docker exec --privileged -u 0 mesh-workshop-vm bash -ec "
  ip route replace $POD_CIDR via $NODE_IP
  iptables -P INPUT ACCEPT; iptables -P FORWARD ACCEPT; iptables -P OUTPUT ACCEPT
  iptables -t nat -F; iptables -t mangle -F; iptables -F; iptables -X
  echo 'nameserver 8.8.8.8' > /etc/resolv.conf
  dpkg -i /tmp/istio-sidecar.deb
  cp /vmfiles/istio-token /var/run/secrets/tokens/istio-token
"
case "$(docker exec mesh-workshop-vm ss -ltn)" in
  *':15000 '*) echo "the VM's proxy is already running" ;;
  *) docker exec --privileged -u 0 -w / -d mesh-workshop-vm /usr/local/bin/istio-start.sh ;;
esac
`;

interface Model {
  dir: string;
  run(script: string): { status: number | null; output: string; events: string[] };
  /** The JOIN steps in order, as the learner runs them, up to the first that fails; events of them all. */
  join(): { status: number | null; output: string; events: string[] };
  /** The state after the runs: the container's image and --init, and whether agent, rules and package are there. */
  state(): { container?: string; running: boolean; rules?: string; installed: boolean };
  set(name: string, content?: string): void;
}

function model(): Model {
  const dir = tempDir('mw-vm-model-');
  const bin = path.join(dir, 'bin');
  const stateDir = path.join(dir, 'state');
  const tmp = path.join(dir, 'lesson-tmp');
  for (const folder of [bin, stateDir, path.join(tmp, 'vm')]) mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(bin, 'docker'), STUB_DOCKER);
  writeFileSync(path.join(bin, 'kubectl'), STUB_KUBECTL);
  chmodSync(path.join(bin, 'docker'), 0o755);
  chmodSync(path.join(bin, 'kubectl'), 0o755);
  const deb = path.join(dir, 'istio-sidecar.deb');
  writeFileSync(deb, 'placeholder, never installed');
  const eventsFile = path.join(stateDir, 'events');
  const read = (name: string) => (existsSync(path.join(stateDir, name)) ? readFileSync(path.join(stateDir, name), 'utf8').trim() : undefined);
  return {
    dir,
    run(script) {
      writeFileSync(eventsFile, '');
      const result = spawnSync('bash', [...BASH_ARGS, script], {
        cwd: loaded!.dir,
        encoding: 'utf8',
        env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, HOME: dir, STUB_STATE: stateDir, CTX_CLUSTER1: 'kind-cluster1', LESSON_TMP: tmp, ISTIO_SIDECAR_DEB: deb, ISTIO_VERSION: PINNED.istio },
      });
      return { status: result.status, output: result.stdout + result.stderr, events: readFileSync(eventsFile, 'utf8').split('\n').filter(Boolean) };
    },
    join() {
      const all = { status: 0 as number | null, output: '', events: [] as string[] };
      for (const script of JOIN) {
        const one = this.run(script);
        all.output += one.output;
        all.events.push(...one.events);
        all.status = one.status;
        if (one.status !== 0) break;
      }
      return all;
    },
    state() {
      const container = read('container');
      const rules = read('rules');
      return { ...(container ? { container } : {}), running: read('running') !== undefined, ...(rules ? { rules } : {}), installed: read('installed') !== undefined };
    },
    set(name, content = '') {
      writeFileSync(path.join(stateDir, name), content);
    },
  };
}

const PINNED_VM = `${PROXY_IMAGE}:${PINNED.istio} true mesh-workshop-vm`;
const JOINED = { container: PINNED_VM, running: true, rules: '8.8.8.8', installed: true };
/** Asserts that each event happened, each after the one before it. */
function inOrder(events: string[], ...names: string[]): void {
  const positions = names.map((name) => events.indexOf(name));
  expect(positions.every((position) => position > -1), `${names.join(', ')} in ${events.join(', ')}`).toBe(true);
  expect([...positions].sort((a, b) => a - b), `${names.join(' < ')} in ${events.join(', ')}`).toEqual(positions);
}

describe('vm-own-network, vm-install and start-vm against a stand-in for docker (the scripts\' branching only; no real VM)', () => {
  it('a first run creates the VM on its own network from the pinned image, installs the package and starts the proxy after the flush', () => {
    const vm = model();
    const first = vm.join();
    expect(first.status, first.output).toBe(0);
    expect(first.events).not.toContain('stop');
    inOrder(first.events, `run ${PROXY_IMAGE}:${PINNED.istio}`, 'dpkg', 'token', 'flush', 'start');
    expect(vm.state()).toEqual(JOINED);
    expect(first.output).toMatch(/the VM's address: 172\.19\.0\.3/);
  });

  it('a second run keeps the VM, copies the new files, then stops the proxy, cleans, flushes and starts it again: capture rules remain', () => {
    const vm = model();
    expect(vm.join().status).toBe(0);
    const second = vm.join();
    expect(second.status, second.output).toBe(0);
    expect(second.events).not.toContain('run registry.istio.io/release/proxyv2:' + PINNED.istio);
    inOrder(second.events, 'token', 'stop', 'clean', 'flush', 'start');
    expect(second.events).not.toContain('start-while-running');
    expect(vm.state()).toEqual(JOINED);
  });

  it('the script before issue 12 fails the same model: its second run leaves the proxy running with no capture rules', () => {
    const vm = model();
    expect(vm.run(BEFORE_ISSUE_12).status).toBe(0);
    expect(vm.state()).toMatchObject({ running: true, rules: '8.8.8.8' });
    const second = vm.run(BEFORE_ISSUE_12);
    expect(second.output).toMatch(/already running/);
    expect(vm.state()).toMatchObject({ running: true });
    expect(vm.state().rules).toBeUndefined();
  });

  it('after a first run that failed (dpkg stopped), a second run joins', () => {
    const vm = model();
    vm.set('dpkg-fails');
    const failed = vm.join();
    expect(failed.status).not.toBe(0);
    expect(vm.state()).toMatchObject({ running: false, installed: false });
    const retry = vm.join();
    expect(retry.status, retry.output).toBe(0);
    expect(vm.state()).toEqual(JOINED);
  });

  it('repairs what the earlier script left: an agent running without capture rules', () => {
    const vm = model();
    vm.set('container', PINNED_VM);
    vm.set('installed');
    vm.set('running');
    vm.set('resolv', '8.8.8.8');
    const run = vm.join();
    expect(run.status, run.output).toBe(0);
    expect(run.events).toContain('stop');
    expect(vm.state()).toEqual(JOINED);
  });

  it('replaces a VM made from another release\'s image, without --init, or on kind\'s network, with one of the pinned image on its own network', () => {
    for (const old of [`${PROXY_IMAGE}:1.30.2 true mesh-workshop-vm`, `${PROXY_IMAGE}:${PINNED.istio} <nil> mesh-workshop-vm`, `${PROXY_IMAGE}:${PINNED.istio} true kind`]) {
      const vm = model();
      vm.set('container', old);
      vm.set('installed');
      vm.set('running');
      const run = vm.join();
      expect(run.status, run.output).toBe(0);
      expect(run.events.slice(0, 2)).toEqual(['rm', `run ${PROXY_IMAGE}:${PINNED.istio}`]);
      expect(vm.state()).toEqual(JOINED);
    }
  });
});

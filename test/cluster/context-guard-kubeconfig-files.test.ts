// Safety rule: a step never reads or writes the learner's own kubeconfig (the usual places, and the files
// their own KUBECONFIG named), whatever command does it; and only the workshop's tools write the workshop's
// kubeconfig. Reading the workshop's and writing under $LESSON_TMP stay fine. Tracker issue 20.
import { describe, expect, it } from 'vitest';
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

const STATE = '/home/learner/.local/state/mesh-workshop';
const KUBECONFIG = `${STATE}/kubeconfig`;
const policy: GuardPolicy = {
  kubeconfig: KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2'],
  env: { CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', KUBECONFIG, HOME: '/home/learner', LESSON_TMP: `${STATE}/tmp/one-mesh`, MESH_WORKSHOP_HOME: STATE },
  cwd: '/home/learner/lessons/04-one-mesh',
  learnerKubeconfig: '/home/learner/work/team.yaml:/srv/kube/ops.conf',
};
const refusal = (script: string, with_: Partial<GuardPolicy> = {}): string | undefined => contextRefusal(script, { ...policy, ...with_ });

describe("the learner's own kubeconfig, read or written by any command (issue 20)", () => {
  it.each([
    ['cp ~/.kube/config /tmp/k', '/home/learner/.kube/config'],
    ['cat "$HOME/.kube/config"', '/home/learner/.kube/config'],
    ['tar czf "$LESSON_TMP/kube.tgz" "${HOME}/.kube"', '/home/learner/.kube'],
    ['rsync -a /root/.kube/ "$LESSON_TMP/backup/"', '/root/.kube'],
    ['scp /home/bob/.kube/config ops@jump:', '/home/bob/.kube/config'],
    ['install -m 600 /etc/kubernetes/admin.conf "$LESSON_TMP/admin.conf"', '/etc/kubernetes/admin.conf'],
    ['sudo cat /etc/kubernetes/super-admin.conf', '/etc/kubernetes/super-admin.conf'],
    ['base64 -w0 /etc/rancher/k3s/k3s.yaml', '/etc/rancher/k3s/k3s.yaml'],
    ['cat /etc/rancher/rke2/rke2.yaml', '/etc/rancher/rke2/rke2.yaml'],
    ['ln -s ~/.kube/config kc', '/home/learner/.kube/config'],
    ['ls ~/.minikube/profiles', '/home/learner/.minikube/profiles'],
    ['kubectl create secret generic kc --from-file=config=/home/learner/.kube/config', '/home/learner/.kube/config'],
    ['docker run -v ~/.kube:/root/.kube bitnami/kubectl get pods', '/home/learner/.kube'],
    ['python3 -c "print(open(\'/home/learner/.kube/config\').read())"', '/home/learner/.kube/config'],
    ['cat ~/.ku*/config', '/home/learner/.ku*/config'],
    ['cd ~/.kube && cat config', '/home/learner/.kube'],
    ['cp /home/learner/work/team.yaml "$LESSON_TMP/team.yaml"', '/home/learner/work/team.yaml'],
    ['cat /srv/kube/ops.conf', '/srv/kube/ops.conf'],
  ])('%s is refused, naming %s', (script, file) => {
    expect(refusal(script)).toContain(`uses your own kubeconfig (${file}): steps work on the workshop's clusters only, and your kubeconfig stays yours.`);
  });

  it('says what was refused, why, and how to allow a context on purpose', () => {
    expect(refusal('cp ~/.kube/config /tmp/k')).toBe(
      "refused before running: `cp ~/.kube/config /tmp/k` uses your own kubeconfig (/home/learner/.kube/config): steps work on the workshop's clusters only, and your kubeconfig stays yours. To use one of your contexts on purpose, allow it first: mesh-workshop context allow NAME",
    );
  });

  it.each([
    ['kubectl --context kind-cluster1 apply -f - < ~/.kube/config', '/home/learner/.kube/config'],
    ['kind get kubeconfig --name cluster1 > ~/.kube/config', '/home/learner/.kube/config'],
    ['echo "export KUBECONFIG=x" >> /root/.kube/config', '/root/.kube/config'],
    ['while read -r line; do echo "$line"; done < /etc/kubernetes/admin.conf', '/etc/kubernetes/admin.conf'],
  ])('a redirection: %s is refused', (script, file) => {
    expect(refusal(script)).toContain(`uses your own kubeconfig (${file})`);
  });

  it('code fed to an interpreter is read for paths too', () => {
    expect(refusal("python3 - <<'EOF'\nprint(open('/etc/rancher/k3s/k3s.yaml').read())\nEOF")).toContain('uses your own kubeconfig (/etc/rancher/k3s/k3s.yaml)');
  });

  it("the learner's KUBECONFIG entries are taken from where the workshop started, not the step's folder", () => {
    expect(refusal('cat ops.conf', { learnerKubeconfig: 'ops.conf', cwd: process.cwd() })).toContain(`uses your own kubeconfig (${process.cwd()}/ops.conf)`);
    expect(refusal('cat /srv/kube/ops.conf', { learnerKubeconfig: undefined })).toBeUndefined();
  });

  it("a learner's KUBECONFIG that names the workshop's own kubeconfig does not make it theirs", () => {
    expect(refusal('cat "$KUBECONFIG"', { learnerKubeconfig: `${KUBECONFIG}:/home/learner/.kube/config` })).toBeUndefined();
  });

  it('without $HOME in the step environment, ~ and $HOME are still seen', () => {
    const env: Record<string, string> = { ...policy.env };
    delete env.HOME;
    expect(refusal('cat "$HOME/.kube/config"', { env })).toMatch(/uses your own kubeconfig \(.*\.kube\/config\)/);
  });

  it('text that only mentions a path, a quoted pattern, or a path inside a container or a pod is fine', () => {
    expect(refusal('echo "your ~/.kube/config stays yours"')).toBeUndefined();
    expect(refusal("printf '%s\\n' /etc/kubernetes/admin.conf")).toBeUndefined();
    expect(refusal("grep -c '.*' \"$LESSON_TMP/nat.rules\"")).toBeUndefined();
    expect(refusal("cat '~/.k*'")).toBeUndefined();
    expect(refusal('ls x[z-a] ~/[b-a]*')).toBeUndefined();
    expect(refusal('kubectl --context kind-cluster1 exec deploy/curl -- cat /root/.kube/config')).toBeUndefined();
    expect(refusal('kubectl --context kind-cluster1 cp sample/curl:/root/.kube/config "$LESSON_TMP/x"')).toBeUndefined();
    expect(refusal('docker exec -u 0 cluster1-control-plane cat /etc/kubernetes/admin.conf')).toBeUndefined();
    expect(refusal('docker cp cluster1-control-plane:/etc/kubernetes/admin.conf "$LESSON_TMP/admin.conf"')).toBeUndefined();
    expect(refusal('kubectl --context kind-cluster1 -n kube-system get svc kube-dns.kube-system')).toBeUndefined();
    expect(refusal('cat /etc/kubernetes/manifests/kube-apiserver.yaml')).toBeUndefined();
  });

  it('a path given to a container from here is still yours', () => {
    expect(refusal('docker exec --env-file ~/.kube/config vm true')).toContain('uses your own kubeconfig (/home/learner/.kube/config)');
    expect(refusal('docker cp ~/.kube/config vm:/root/.kube/config')).toContain('uses your own kubeconfig (/home/learner/.kube/config)');
    expect(refusal('kubectl --context kind-cluster1 cp ~/.kube/config sample/curl:/tmp/config')).toContain('uses your own kubeconfig');
  });
});

describe('the workshop kubeconfig is written only by the workshop (issue 20)', () => {
  it.each([
    'cp other.yaml "$KUBECONFIG"',
    'cp -f other.yaml "$MESH_WORKSHOP_HOME/kubeconfig"',
    'cp -t "$MESH_WORKSHOP_HOME" other/kubeconfig',
    'cp other/kubeconfig "$MESH_WORKSHOP_HOME"',
    'cat other.yaml > "$KUBECONFIG"',
    'cat other.yaml >> $KUBECONFIG',
    'kind get kubeconfig --name other > "$KUBECONFIG"',
    'kubectl config view --raw --flatten | tee $KUBECONFIG',
    'kubectl config view --raw | tee -a "$KUBECONFIG" > /dev/null',
    'mv "$LESSON_TMP/kc" $KUBECONFIG',
    'install -m 600 other.yaml "$KUBECONFIG"',
    'sed -i "s/kind-cluster1/prod/" "$KUBECONFIG"',
    'yq -i ".contexts = []" "$KUBECONFIG"',
    'dd if=other.yaml of="$KUBECONFIG"',
    'rm -f "$KUBECONFIG"',
    '> "$KUBECONFIG"',
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/writes into the workshop kubeconfig \(\/home\/learner\/\.local\/state\/mesh-workshop\/kubeconfig\), which only the workshop changes/);
  });

  it('says which file, who may change it, and why', () => {
    expect(refusal('cp other.yaml "$KUBECONFIG"')).toBe(
      "refused before running: `cp other.yaml \"$KUBECONFIG\"` writes into the workshop kubeconfig (/home/learner/.local/state/mesh-workshop/kubeconfig), which only the workshop changes (kind, and kubectl config for the workshop's own contexts): a cluster added there would escape this check. To use a cluster of your own, allow it first: mesh-workshop context allow NAME",
    );
  });

  it('reading it, copying it elsewhere, and writing under $LESSON_TMP are fine', () => {
    expect(refusal('cat "$KUBECONFIG"')).toBeUndefined();
    expect(refusal('cp "$KUBECONFIG" "$LESSON_TMP/kubeconfig"')).toBeUndefined();
    expect(refusal('kubectl config view --raw > "$LESSON_TMP/kubeconfig"')).toBeUndefined();
    expect(refusal('kind get kubeconfig --name cluster1 > "$LESSON_TMP/cluster1.kubeconfig"')).toBeUndefined();
    expect(refusal('kind get kubeconfig --name cluster1')).toBeUndefined();
    expect(refusal('kind export kubeconfig --name cluster1')).toBeUndefined();
    expect(refusal('date +%s > "$LESSON_TMP/started-at"')).toBeUndefined();
    expect(refusal('kubectl --context "$CTX_CLUSTER1" get pods 2>&1 | tee "$LESSON_TMP/pods.txt"')).toBeUndefined();
    expect(refusal('cp "$LESSON_TMP/kubeconfig" "$MESH_WORKSHOP_HOME/notes"')).toBeUndefined();
  });
});

describe('where cluster credentials live on a machine (issue 20)', () => {
  it.each([
    ['ls /etc/kubernetes', '/etc/kubernetes'],
    ['cat /etc/kubernetes/controller-manager.conf', '/etc/kubernetes/controller-manager.conf'],
    ['cat /etc/kubernetes/kubelet/kubelet.conf', '/etc/kubernetes/kubelet/kubelet.conf'],
    ['openssl x509 -in /etc/kubernetes/pki/ca.crt -noout -text', '/etc/kubernetes/pki/ca.crt'],
    ['ls /etc/kubernetes/pki', '/etc/kubernetes/pki'],
    ['cat /etc/rancher/k3s/config.yaml', '/etc/rancher/k3s/config.yaml'],
    ['ls /etc/rancher', '/etc/rancher'],
    ['cat /var/lib/rancher/k3s/server/cred/admin.kubeconfig', '/var/lib/rancher/k3s/server/cred/admin.kubeconfig'],
    ['cat /var/lib/rancher/rke2/server/cred/admin.kubeconfig', '/var/lib/rancher/rke2/server/cred/admin.kubeconfig'],
    ['ls /var/lib/rancher/k3s/server/cred', '/var/lib/rancher/k3s/server/cred'],
    ['cat /var/snap/microk8s/current/credentials/client.config', '/var/snap/microk8s/current/credentials/client.config'],
    ['ls /var/snap/microk8s/current/credentials', '/var/snap/microk8s/current/credentials'],
    ['ls ~/.kube', '/home/learner/.kube'],
    ['cp -r /home/learner/.minikube "$LESSON_TMP"', '/home/learner/.minikube'],
  ])('%s is refused, naming %s', (script, file) => {
    expect(refusal(script)).toContain(`uses your own kubeconfig (${file})`);
  });

  it.each([
    'cat /etc/kubernetes-notes.txt',
    'ls /etc/kubernetes/manifests',
    'ls /etc/rancher-backup',
    'ls /var/lib/rancher/k3s/agent/containerd',
    'ls /var/lib/rancher/k3s/server/credits',
    'cat /var/snap/microk8s/current/args/kubelet',
    'cat /var/snap/microk8s/current/credentials-notes',
    'cat ~/notes/my.kube/config',
    'cat "$LESSON_TMP/kube/config"',
  ])('%s is not a place of credentials: fine', (script) => {
    expect(refusal(script)).toBeUndefined();
  });

  it('a path inside a longer word is found: after = or :, in a comma list, in quotes in code', () => {
    expect(refusal('kubectl --context kind-cluster1 apply -f a.yaml,/etc/rancher/k3s/k3s.yaml')).toContain('uses your own kubeconfig (/etc/rancher/k3s/k3s.yaml)');
    expect(refusal(`ruby -e "puts File.read '/etc/rancher/k3s/k3s.yaml'"`)).toContain('uses your own kubeconfig (/etc/rancher/k3s/k3s.yaml)');
    expect(refusal(`ruby -e 'puts File.read "/etc/rancher/k3s/k3s.yaml"'`)).toContain('uses your own kubeconfig (/etc/rancher/k3s/k3s.yaml)');
    expect(refusal('node -e "require(`fs`).readFileSync(`/etc/rancher/k3s/k3s.yaml`)"')).toContain('uses your own kubeconfig (/etc/rancher/k3s/k3s.yaml)');
  });

  it('a glob bash could expand to one of those places is refused, as written; one that cannot is fine', () => {
    expect(refusal('cat /etc/kube*/admin.conf')).toContain('uses your own kubeconfig (/etc/kube*/admin.conf)');
    expect(refusal('cat /root/.ku?e/config')).toContain('uses your own kubeconfig (/root/.ku?e/config)');
    expect(refusal('cat ~/.kub[a-z]/config')).toContain('uses your own kubeconfig (/home/learner/.kub[a-z]/config)');
    expect(refusal('cat ~/.kub[!x]/config')).toContain('uses your own kubeconfig (/home/learner/.kub[!x]/config)');
    expect(refusal('cat /srv/kube/ops.c*')).toContain('uses your own kubeconfig (/srv/kube/ops.c*)');
    expect(refusal('cat /etc/rancher/k3s/*.yaml')).toContain('uses your own kubeconfig');
    // `*` and `?` stay inside one folder, `.` is a dot, and a bracket must match.
    expect(refusal('ls /etc/*admin.conf')).toBeUndefined();
    expect(refusal('ls /etc/kubernetes?admin*')).toBeUndefined();
    expect(refusal('ls /etc/kubernetes.admin*')).toBeUndefined();
    expect(refusal('ls ~/.kub[!e]/config')).toBeUndefined();
    expect(refusal('ls ~/.ku*x')).toBeUndefined();
  });

  it('the same places copied elsewhere are not those places; a step started inside ~/.kube reads it by a bare name', () => {
    for (const place of ['/etc/kubernetes/admin.conf', '/etc/rancher/k3s/k3s.yaml', '/var/lib/rancher/k3s/server/cred/admin.kubeconfig', '/var/snap/microk8s/current/credentials/client.config']) {
      expect(refusal(`cat /srv/mirror${place}`)).toBeUndefined();
    }
    expect(refusal('cat config', { cwd: '/home/learner/.kube' })).toMatch(/uses your own kubeconfig \(\/home\/learner\/\.kube\//);
  });

  it('a glob that can only reach a place by its own name (not under a place it names whole) is refused too', () => {
    for (const [glob, place] of [
      ['ls ~/.ku*', '/home/learner/.ku*'],
      ['ls ~/.mini*', '/home/learner/.mini*'],
      ['ls /etc/kube*', '/etc/kube*'],
      ['cat /etc/kube*/super-admin.conf', '/etc/kube*/super-admin.conf'],
      ['ls /etc/kube*/pki', '/etc/kube*/pki'],
      ['ls /etc/ranch*', '/etc/ranch*'],
      ['cat /etc/ranch*/k3s/k3s.yaml', '/etc/ranch*/k3s/k3s.yaml'],
      ['cat /etc/ranch*/rke2/rke2.yaml', '/etc/ranch*/rke2/rke2.yaml'],
    ] as const) {
      expect(refusal(glob)).toContain(`uses your own kubeconfig (${place})`);
    }
  });

  it("a state folder inside ~/.kube (an odd --home) is the workshop's; ~/.kube/config beside it stays yours", () => {
    const kubeconfig = '/home/learner/.kube/mesh/kubeconfig';
    const inKube = { kubeconfig, env: { ...policy.env, KUBECONFIG: kubeconfig, MESH_WORKSHOP_HOME: '/home/learner/.kube/mesh' } };
    expect(refusal('cat "$KUBECONFIG"; ls /home/learner/.kube/mesh/kubeconfigs', inKube)).toBeUndefined();
    expect(refusal('cat ~/.kube/config', inKube)).toContain('uses your own kubeconfig (/home/learner/.kube/config)');
    expect(refusal('cat /home/learner/.kube/config', { kubeconfig: '/home/learner/.kube/kubeconfig', env: { ...policy.env, KUBECONFIG: '/home/learner/.kube/kubeconfig' } })).toContain('uses your own kubeconfig (/home/learner/.kube/config)');
  });
});

describe('the workshop kubeconfig, written by any copier or editor (issue 20)', () => {
  it.each([
    'ln -sf "$LESSON_TMP/other" "$KUBECONFIG"',
    'rsync other.yaml "$KUBECONFIG"',
    'scp ops@jump:team.yaml "$KUBECONFIG"',
    'cp --target-directory="$MESH_WORKSHOP_HOME" other/kubeconfig',
    'cp --target-directory "$MESH_WORKSHOP_HOME" other/kubeconfig',
    'truncate -s 0 "$KUBECONFIG"',
    'unlink "$KUBECONFIG"',
    'shred -u "$KUBECONFIG"',
    'perl -pi -e "s/kind/prod/" "$KUBECONFIG"',
    'gawk -i inplace "{print}" "$KUBECONFIG"',
    'sed --in-place "s/a/b/" "$KUBECONFIG"',
    'sed -Ei "s/a/b/" "$KUBECONFIG"',
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/writes into the workshop kubeconfig/);
  });

  it('an option after the files, or a file among the values a variable may hold, is still a write into it', () => {
    expect(refusal('cp other.yaml "$KUBECONFIG" --verbose')).toMatch(/writes into the workshop kubeconfig/);
    expect(refusal('for f in /tmp/a "$KUBECONFIG"; do cp other.yaml "$f"; done')).toMatch(/writes into the workshop kubeconfig/);
    expect(refusal('for d in /tmp "$MESH_WORKSHOP_HOME"; do cp other/kubeconfig "$d"; done')).toMatch(/writes into the workshop kubeconfig/);
    expect(refusal('for s in other/kubeconfig other/notes; do cp "$s" "$MESH_WORKSHOP_HOME"; done')).toMatch(/writes into the workshop kubeconfig/);
    expect(refusal('for o in -i -n; do sed "$o" "s/a/b/" "$KUBECONFIG"; done')).toMatch(/writes into the workshop kubeconfig/);
    expect(refusal('for o in of="$KUBECONFIG" of=/tmp/x; do dd if=other.yaml "$o"; done')).toMatch(/writes into the workshop kubeconfig/);
  });

  it.each([
    'echo of="$KUBECONFIG"',
    'sed -n "/server/p" "$KUBECONFIG"',
    'perl -ne "print" "$KUBECONFIG"',
    'cp "$KUBECONFIG"',
    'cp other/config "$MESH_WORKSHOP_HOME"',
    'cp -t "$LESSON_TMP" "$KUBECONFIG"',
    'dd if="$KUBECONFIG" of="$LESSON_TMP/copy"',
    'tee "$LESSON_TMP/out" < "$KUBECONFIG"',
    'grep -i server "$KUBECONFIG"',
  ])('%s only reads it, or writes elsewhere: fine', (script) => {
    expect(refusal(script)).toBeUndefined();
  });
});

/**
 * The lesson format. This zod schema is the one source of truth: the loader validates with it,
 * the TypeScript types come from it, and `mesh-workshop schema` prints the JSON Schema made from it.
 * Descriptions here become the editor's hover text, so they are written for lesson authors.
 */
import { z } from 'zod';
import { isDuration } from './duration.js';
import type { CheckKind } from './vocabulary.js';

export { checkKind, CHECK_KIND_NAMES, DOWNLOAD_VARIABLES, RESERVED_VARIABLES, type CheckKind } from './vocabulary.js';

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "apply-gateway")');

export const VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

const VarName = z.string().regex(VAR_NAME, 'variable names are UPPER_SNAKE_CASE (e.g. INGRESS_IP)');

const Duration = z
  .union([
    z.number().positive(),
    z.string().refine(isDuration, 'write a duration such as 30s, 2m or 1m30s'),
  ])
  .describe('Seconds as a number, or a duration such as 30s, 2m, 1m30s, 500ms.');

const Markdown = z
  .union([
    z.string(),
    z.strictObject({ file: z.string().min(1).describe('A Markdown file, relative to the lesson folder.') }),
  ])
  .describe('Markdown written inline, or {file: name.md} next to lesson.yaml.');

const Env = z
  .record(VarName, z.string())
  .describe('Environment variables for the command; values may use ${VARS} captured earlier.');

const Example = z
  .strictObject({
    source: z
      .string()
      .min(1)
      .describe('Where this output comes from: a seed section, an Istio doc page, an istioctl fixture, a real run.'),
    output: z.string().describe('The command output the check is evaluated on.'),
    exitCode: z.number().int().optional().describe('The exit code that went with the output (default 0).'),
    vars: z.record(VarName, z.string()).optional().describe('Captured variables the check may refer to.'),
  })
  .describe('A real output for this check.');

const Examples = z
  .strictObject({
    pass: z.array(Example).min(1).describe('Outputs this check must accept.'),
    fail: z.array(Example).min(1).describe('Outputs this check must reject.'),
  })
  .describe('Real outputs the check must accept and reject. The test suite and `lint` run them.');

const Retry = z
  .strictObject({
    timeout: Duration.describe('Give up after this long.'),
    interval: Duration.optional().describe('Wait between attempts (default 1s).'),
    backoff: z.number().min(1).max(4).optional().describe('Multiply the interval by this after each attempt (default 1).'),
  })
  .describe('Poll until the check passes, for things that become true later.');

/** Fields every check kind accepts. */
const checkCommon = {
  name: z.string().optional().describe('A short label shown in reports (default: derived from the check).'),
  run: z
    .string()
    .optional()
    .describe("A command of the check's own (bash), instead of the step's output: a curl, a kubectl wait."),
  timeout: Duration.optional().describe("Time limit for the check's own command (default 30s)."),
  from: z
    .enum(['all', 'stdout', 'stderr'])
    .optional()
    .describe('Which output to read: stdout and stderr interleaved (default; stdout for jsonpath), or one of them.'),
  retry: Retry.optional(),
  stable: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Passes in a row needed before the check counts as passed (default 1).'),
  explain: z.string().optional().describe('What a failure of this check means, and what to do next.'),
  examples: Examples.optional(),
};

const ExitCodeCheck = z.strictObject({
  exitCode: z
    .union([z.number().int().min(0).max(255), z.literal('nonzero')])
    .describe('The exit code the command must end with, or "nonzero" when failing is the point.'),
  ...checkCommon,
});
const ContainsCheck = z.strictObject({
  contains: z.string().min(1).describe('Text the output must contain.'),
  ...checkCommon,
});
const NotContainsCheck = z.strictObject({
  notContains: z.string().min(1).describe('Text the output must not contain (and the command must succeed).'),
  ...checkCommon,
});
const EqualsCheck = z.strictObject({
  equals: z.string().describe('The whole output, after trimming trailing white space on each line.'),
  ...checkCommon,
});
const MatchesCheck = z.strictObject({
  matches: z.string().min(1).describe('A JavaScript regular expression the output must match.'),
  flags: z.string().regex(/^[imsu]*$/, 'flags may only be i, m, s and u').optional().describe('Regular expression flags: i, m, s, u.'),
  ...checkCommon,
});
const LinesCheck = z.strictObject({
  lines: z
    .union([z.string(), z.array(z.string())])
    .describe('Lines "+ text" that must appear in the output and "- text" that must not.'),
  ...checkCommon,
});
const ElidedCheck = z.strictObject({
  elided: z
    .string()
    .describe('Expected lines in order; a line "..." stands for any run of one or more lines.'),
  ...checkCommon,
});
const LikeCheck = z.strictObject({
  like: z
    .string()
    .describe(
      'Expected output of the same shape: same lines and words, tolerating IPs, ages, durations, generated name suffixes and "..." words.',
    ),
  ...checkCommon,
});
const JsonPathCheck = z.strictObject({
  jsonpath: z
    .string()
    .min(1)
    .describe('A kubectl JSONPath template over JSON output, e.g. {.items[*].status.phase}.'),
  equals: z.string().optional().describe('The value the template must print.'),
  matches: z.string().optional().describe('A regular expression the printed value must match.'),
  contains: z.string().optional().describe('Text the printed value must contain.'),
  ...checkCommon,
});
const DistributionCheck = z.strictObject({
  distribution: z
    .strictObject({
      count: z
        .number()
        .int()
        .min(1)
        .max(10_000)
        .optional()
        .describe('Run the command this many times (default 1: one run that already loops).'),
      extract: z.string().min(1).describe('A regular expression; group 1 (or the whole match) is one sample.'),
      expect: z
        .record(z.string(), z.number().min(0))
        .describe('Expected weight of each value, e.g. {v1: 50, v2: 50}; weights are normalised to 100.'),
      tolerance: z.number().min(0).max(100).describe('Allowed distance from each weight, in percentage points.'),
      minSamples: z.number().int().min(1).optional().describe('Fewest samples that make a verdict (default 10).'),
    })
    .describe('Count repeated answers and require each value near its weight, e.g. 50/50 ± 15.'),
  ...checkCommon,
});

/** Each check kind, keyed by the field that names it. The loader uses this to report errors against the right kind. */
export const CHECK_KINDS = {
  exitCode: ExitCodeCheck,
  contains: ContainsCheck,
  notContains: NotContainsCheck,
  equals: EqualsCheck,
  matches: MatchesCheck,
  lines: LinesCheck,
  elided: ElidedCheck,
  like: LikeCheck,
  jsonpath: JsonPathCheck,
  distribution: DistributionCheck,
} as const satisfies Record<CheckKind, z.ZodType>;

// jsonpath comes first: {jsonpath, equals} must not be read as an equals check with a stray key.
export const Check = z
  .union([
    JsonPathCheck,
    ExitCodeCheck,
    ContainsCheck,
    NotContainsCheck,
    EqualsCheck,
    MatchesCheck,
    LinesCheck,
    ElidedCheck,
    LikeCheck,
    DistributionCheck,
  ])
  .describe('One check: exactly one of exitCode, contains, notContains, equals, matches, lines, elided, like, jsonpath, distribution.');

const Capture = z
  .union([
    z.strictObject({
      regex: z.string().min(1).describe('A regular expression over the output; group 1 (or the match) is kept.'),
      group: z.union([z.number().int().min(0), z.string()]).optional().describe('Which group to keep (default 1).'),
      from: z.enum(['all', 'stdout', 'stderr']).optional(),
    }),
    z.strictObject({
      jsonpath: z.string().min(1).describe('A kubectl JSONPath template over the JSON on stdout.'),
    }),
  ])
  .describe('Remember a value from the output as ${NAME} for later steps.');

const Quiz = z
  .strictObject({
    question: z.string().min(1),
    choices: z.array(z.string().min(1)).min(2),
    answer: z
      .number()
      .int()
      .min(1)
      .describe('The number of the right choice, counting from 1 in the order written (each learner sees the choices in an order of their own; vary where the right one is written).'),
    explanation: z.string().min(1).describe('Why that answer is right; shown after the learner answers.'),
  })
  .describe('A multiple-choice question.');

/** What `istioctl proxy-config` shows, by the name a view uses (`proxy-config/route` …). */
export const PROXY_CONFIG_KINDS = ['route', 'cluster', 'listener', 'endpoint', 'eds', 'secret', 'bootstrap', 'ecds', 'all'] as const;
const PROXY_CONFIG_VIEWS = PROXY_CONFIG_KINDS.map((kind) => `proxy-config/${kind}` as const);

export const VIEW_KINDS = ['text', 'table', ...PROXY_CONFIG_VIEWS, 'diagram'] as const;

const ProxyConfigView = z
  .strictObject({
    kind: z.enum(PROXY_CONFIG_VIEWS),
    name: z.string().optional().describe('Route config name (routes), as --name.'),
    port: z.number().int().min(1).max(65535).optional().describe('As --port.'),
    fqdn: z.string().optional().describe('Clusters whose name contains this, as --fqdn.'),
    subset: z.string().optional(),
    direction: z.string().optional(),
    address: z.string().optional(),
    type: z.string().optional().describe('Listener type: HTTP, TCP, HTTP+TCP.'),
    cluster: z.string().optional(),
    status: z.string().optional(),
    verbose: z.boolean().optional().describe('One row per route or filter chain (default true).'),
  })
  .describe("Show the step's `istioctl proxy-config … -o json` output as istioctl's table, with its filters.");

const DiffView = z
  .strictObject({
    kind: z.literal('proxy-config/diff'),
    snapshot: z.string().min(1).describe('A command that prints the config dump, e.g. `istioctl proxy-config all deploy/istio-ingressgateway -n istio-system -o json`; run before and after the step.'),
  })
  .describe('What the step changed in Envoy: the snapshot before and after it, compared in words.');

export const View = z.union([z.enum(VIEW_KINDS), ProxyConfigView, DiffView]);
/** A proxy-config view's filters (as istioctl's flags). */
export type ProxyConfigFilters = Omit<z.infer<typeof ProxyConfigView>, 'kind'>;
export type View = z.infer<typeof View>;

const DocLink = z
  .strictObject({
    title: z.string().min(1).describe("The page's title as the learner will see it, e.g. \"Install Multi-Primary\"."),
    url: z
      .string()
      .min(1)
      .describe('The absolute https:// address of the page, e.g. https://istio.io/latest/docs/setup/install/multicluster/multi-primary/.'),
  })
  .describe('A page the learner can read: a link shown under the step text.');

const Task = z
  .union([
    z.literal(true),
    z.strictObject({
      scaffold: z
        .string()
        .min(1)
        .optional()
        .describe('A starter file in the lesson folder: `e` copies it into the workspace once (under its own name) and opens it in the editor.'),
      reference: z
        .string()
        .min(1)
        .optional()
        .describe("The finished file, in the lesson folder: at the solution level of help the learner sees what differs from their file."),
      apply: z
        .string()
        .min(1)
        .optional()
        .describe('A command that applies the written file (`a` runs it in the workspace), e.g. kubectl --context "${CTX_CLUSTER1}" apply -f vs.yaml.'),
    }),
  ])
  .describe(
    "The learner does this step: the text states the goal, the workshop runs no command, and Enter runs the checks (each with its own `run`) on the clusters or the workspace. The learner works in the workshop shell (s) or the editor (e); `solution` is what \"do it for me\", `run --yes` and `verify` run.",
  );

export const Step = z
  .strictObject({
    id: Slug.describe('Unique within the lesson; used by --from/--to and in progress.'),
    title: z.string().min(1),
    text: Markdown.optional(),
    sources: z.array(z.string()).optional().describe('The seed sections this step mirrors, e.g. "004 §2" (for authors; learners see `docs`).'),
    docs: z
      .array(DocLink)
      .optional()
      .describe('The pages this step follows, for the learner to read (istio.io, kind, Kubernetes): shown under the text as links.'),
    run: z.string().optional().describe('A bash script, run with -e -o pipefail.'),
    timeout: Duration.optional().describe('Time limit for the command (default 5m).'),
    env: Env.optional(),
    cwd: z.string().optional().describe('Working directory, relative to the lesson folder (default: the lesson folder).'),
    check: z.union([Check, z.array(Check).min(1)]).optional(),
    capture: z.record(VarName, Capture).optional(),
    view: View.optional().describe('How to show the output inline: a kind, or an object with a kind and its filters.'),
    diagram: z.string().optional().describe('A diagram to show with the step (`mesh-workshop diagram --list` names them).'),
    highlight: z.string().optional().describe("A request path to mark in the diagram: one of its named paths, or box ids joined by commas."),
    hint: z
      .union([z.string(), z.array(z.string()).min(1)])
      .optional()
      .describe('One hint, or several levels shown one at a time.'),
    solution: z.string().optional().describe('The answer, shown when the learner asks for it. For a task: a bash script that does the task (run in the workspace), for "do it for me", run --yes and verify.'),
    task: Task.optional(),
    optional: z.boolean().optional().describe('An extra or a variant the lesson is complete without; `run --yes` skips it unless given --optional.'),
    explain: z.string().optional().describe('What a failed step usually means and what to do next.'),
    quiz: Quiz.optional(),
    notes: Markdown.optional().describe("Speaker notes for an instructor presenting the step (`mesh-workshop present`; `present --notes` shows them in a second terminal). Learners never see them."),
  })
  .describe('One step of a lesson.');

/**
 * What steps call on the learner's machine. `istio-release` is the pinned release's samples/ and tools/certs/
 * (${ISTIO_DIR}); `istio-sidecar.deb` the pinned VM package for this machine's architecture (${ISTIO_SIDECAR_DEB}).
 */
export const TOOLS = ['docker', 'kind', 'kubectl', 'istioctl', 'istio-release', 'istio-sidecar.deb', 'curl', 'helm', 'make', 'openssl'] as const;

export const Lesson = z
  .strictObject({
    id: Slug.describe('What learners type: `mesh-workshop run <id>`.'),
    title: z.string().min(1),
    summary: z.string().min(1).describe('One or two sentences for the lesson list.'),
    estimate: Duration.describe('An honest time for a learner, e.g. 20m.'),
    requires: z.array(Slug).optional().describe('Lessons whose cluster state this one builds on.'),
    clusters: z.array(Slug).optional().describe('The workshop clusters this lesson needs, e.g. [cluster1, cluster2].'),
    diagram: z.string().optional().describe('The set-up this lesson builds; d shows it on any step without a diagram of its own.'),
    tools: z.array(z.enum(TOOLS)).optional().describe('What the steps call on this machine (istio-release: the pinned release\'s samples and certificate tools); the home screen names what is missing.'),
    images: z.array(z.string()).optional().describe('Container images the lesson pulls (for prefetch).'),
    sources: z.array(z.string()).optional().describe('The seed sections this lesson mirrors.'),
    env: Env.optional().describe('Environment variables for every step.'),
    learnerHome: z
      .boolean()
      .optional()
      .describe("Steps run with the learner's own HOME (default: a HOME of the workshop's, under the state directory, with DOCKER_CONFIG pointing at the learner's Docker folder). Only for a tool that cannot work otherwise."),
    setup: z
      .array(Step)
      .optional()
      .describe("Idempotent steps that bring a fresh machine to this lesson's start (used by fast-forward)."),
    steps: z.array(Step).min(1),
    cleanup: z.array(Step).optional().describe('Steps that leave the clusters as the next lesson expects.'),
  })
  .describe('A mesh-workshop lesson (lessons/NN-name/lesson.yaml).');

export type Lesson = z.infer<typeof Lesson>;
export type Step = z.infer<typeof Step>;
export type Check = z.infer<typeof Check>;
export type Capture = z.infer<typeof Capture>;
export type Example = z.infer<typeof Example>;
export type Quiz = z.infer<typeof Quiz>;
export type DocLink = z.infer<typeof DocLink>;
export type Task = z.infer<typeof Task>;
/** A task's files and apply command (`task: true` has none). */
export type TaskFiles = Exclude<Task, true>;

export type OutputSource = 'all' | 'stdout' | 'stderr';

/** The field that names a check's kind. */
/** The JSON Schema for editors (`# yaml-language-server: $schema=…`). */
export function lessonJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Lesson, { target: 'draft-2020-12', io: 'input', reused: 'ref' }) as Record<string, unknown>;
  return { title: 'mesh-workshop lesson', ...schema };
}

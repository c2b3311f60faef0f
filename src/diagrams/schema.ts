/**
 * A diagram as data: clusters holding rows of boxes (pods, services, istiod, gateways …), boxes outside
 * them (clients, VMs), labelled links between boxes, and named paths a lesson can highlight. The
 * renderer (views/diagram.ts) lays it out for any width, so no picture is pasted art.
 */
import { z } from 'zod';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes (e.g. "pod-a-1")');

export const NODE_KINDS = ['pod', 'service', 'kube-proxy', 'istiod', 'ca', 'gateway', 'ingress', 'loadbalancer', 'client', 'vm', 'dns', 'note'] as const;
export const LINK_KINDS = ['request', 'mtls', 'push', 'trust'] as const;

const DiagramNode = z.strictObject({
  id: Id,
  kind: z.enum(NODE_KINDS),
  label: z.string().min(1).describe('The name shown in the box, e.g. EndPnt-A or svc-B.'),
  detail: z.string().optional().describe('A second line, e.g. "iptables DNAT" or a ClusterIP.'),
  sidecar: z.boolean().optional().describe('A pod or VM with an Envoy sidecar.'),
});

const Cluster = z.strictObject({
  name: z.string().min(1),
  network: z.string().optional(),
  mesh: z.string().optional(),
  rows: z.array(z.array(DiagramNode).min(1)).min(1).describe('Boxes in rows, top to bottom, each row left to right.'),
  note: z.string().optional().describe('A line at the bottom of the cluster, e.g. "trusts Cluster2\'s root".'),
});

const Link = z.strictObject({
  from: Id,
  to: Id,
  kind: z.enum(LINK_KINDS),
  label: z.string().optional(),
});

export const Diagram = z.strictObject({
  title: z.string().min(1),
  source: z.string().min(1).describe('The seed section the picture follows, e.g. "000 §1".'),
  outside: z.array(DiagramNode).optional().describe('Boxes outside every cluster (clients, a VM), drawn above them.'),
  clusters: z.array(Cluster).min(1),
  links: z.array(Link).optional(),
  paths: z.record(Id, z.array(Id).min(2)).optional().describe('Named request paths (box ids in order) to highlight.'),
});

export type Diagram = z.infer<typeof Diagram>;
export type DiagramNode = z.infer<typeof DiagramNode>;
export type DiagramLink = z.infer<typeof Link>;

/** The diagram JSON Schema, for `# yaml-language-server: $schema=…` in assets/diagrams/*.yaml. */
export function diagramJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Diagram, { target: 'draft-2020-12', io: 'input', reused: 'ref' }) as Record<string, unknown>;
  return { title: 'mesh-workshop diagram', ...schema };
}

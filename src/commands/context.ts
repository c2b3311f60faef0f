/**
 * `mesh-workshop context list | allow NAME [--kubeconfig FILE] [--as ROLE] | forget NAME`: which cluster each
 * role uses, and the explicit way to bring a cluster of one's own (a room's cloud clusters) into the workshop.
 */
import { UserError } from '../errors.js';
import { allowContext, allowedContexts, forgetContext, roleContexts, roleVariable, usersKubeconfig, workshopKubeconfig } from '../cluster/kubeconfig.js';
import type { Flags, GlobalOptions } from './options.js';

const USAGE = 'usage: mesh-workshop context list | allow NAME [--kubeconfig FILE] [--as cluster1|cluster2|cluster3] | forget NAME';

export function contextCommand(globals: GlobalOptions, flags: Flags, args: string[]): number {
  const [action = 'list', name, ...extra] = args;
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}'; ${USAGE}`);
  switch (action) {
    case 'list': {
      const roles = roleContexts(globals.home);
      process.stdout.write(`Workshop kubeconfig: ${workshopKubeconfig(globals.home)}\n`);
      for (const [role, context] of Object.entries(roles)) process.stdout.write(`  ${roleVariable(role).padEnd(14)} ${context}\n`);
      const others = allowedContexts(globals.home).filter((context) => !Object.values(roles).includes(context));
      if (others.length > 0) process.stdout.write(`Also in it: ${others.join(', ')}\n`);
      return 0;
    }
    case 'allow': {
      if (!name) throw new UserError(`which context? ${USAGE}`);
      const done = allowContext(globals.home, name, { ...(flags.kubeconfig ? { from: flags.kubeconfig } : {}), ...(flags.as ? { as: flags.as } : {}) });
      process.stdout.write(`Copied the context '${name}' from ${done.from} into the workshop kubeconfig${done.role ? `; lessons now use it as ${roleVariable(done.role)}` : ''}.\n`);
      return 0;
    }
    case 'forget':
      if (!name) throw new UserError(`which context? ${USAGE}`);
      forgetContext(globals.home, name);
      process.stdout.write(`The workshop no longer uses the context '${name}'.\n`);
      return 0;
    default:
      throw new UserError(`unknown action '${action}'; ${USAGE}`);
  }
}

/**
 * `--allow-context NAME` on run: the contexts asked for, not yet in the workshop kubeconfig, copied after a
 * yes (asked when someone is there to answer; --yes counts as the answer). Never silent: each is said.
 */
export async function allowRequestedContexts(home: string, names: readonly string[], ask?: (question: string) => Promise<string | undefined>): Promise<void> {
  for (const name of names) {
    if (allowedContexts(home).includes(name)) continue;
    const from = usersKubeconfig();
    if (ask) {
      const answer = await ask(`Copy your context '${name}' from ${from} into the workshop kubeconfig, so steps may use it? [y/N] `);
      if (!/^y(es)?$/i.test(answer?.trim() ?? '')) throw new UserError(`the context '${name}' was not allowed; nothing was run`);
    }
    const done = allowContext(home, name);
    process.stderr.write(`Allowed your context '${name}' for this workshop (copied from ${done.from}; 'mesh-workshop context forget ${name}' takes it out again).\n`);
  }
}

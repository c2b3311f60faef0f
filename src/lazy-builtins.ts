/**
 * Node built-ins that most commands never use, loaded on first use (synchronously, through require): node:crypto
 * alone is 17 internal modules to compile, a few milliseconds of a command that should start like plain node.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import('node:crypto') => load('node:crypto') as typeof import('node:crypto');
export const nodeReadline = (): typeof import('node:readline') => load('node:readline') as typeof import('node:readline');

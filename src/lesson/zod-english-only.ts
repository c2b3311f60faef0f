/**
 * What the bundle gives zod for `z.locales` (scripts/bundle-options.mjs): English only. zod's messages are
 * English by default and the workshop never switches; the other forty-odd locales were 260 kB of the package.
 */
export { default as en } from 'zod/v4/locales/en.js';

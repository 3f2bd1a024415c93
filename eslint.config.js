// The set-up lives in lint/ (a package of its own: see lint/package.json for why).
export { default } from './lint/config.js';

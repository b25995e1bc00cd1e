/**
 * Stands in for the `electron` module under plain Node, where importing the real one would
 * try to download its binary. electron-store only needs the module to exist: given an
 * absolute `cwd`, it reads nothing from `app`.
 */
const electron = {};
export default electron;

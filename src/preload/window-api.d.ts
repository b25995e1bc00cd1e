import type { StillwaterBridge } from '../shared/ipc/api';

declare global {
  interface Window {
    /** Set by the preload; the renderer's only way to reach the main process. */
    readonly stillwater: StillwaterBridge;
  }
}

import { contextBridge, ipcRenderer } from 'electron';
import { makeBridge, withStartupSent } from '../shared/ipc/api';

/**
 * The page gets one object, `window.stillwater`, with one verb per contract channel.
 * ipcRenderer itself never crosses the bridge.
 */
contextBridge.exposeInMainWorld(
  'stillwater',
  withStartupSent(
    makeBridge({
      invoke: (channel, input) => ipcRenderer.invoke(channel, input),
      subscribe(channel, listener) {
        const forward = (_event: unknown, payload: unknown) => listener(payload);
        ipcRenderer.on(channel, forward);
        return () => {
          ipcRenderer.removeListener(channel, forward);
        };
      },
    }),
  ),
);

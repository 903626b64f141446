// Runs the real core-host entry in a worker thread, with the worker's port to
// the test playing Electron's `process.parentPort` (messages are
// `{ data, ports }`, as a utility process receives them).
import { parentPort as toTest, type MessagePort } from 'node:worker_threads';
import { asElectronPort } from '../../helpers/ports';

if (!toTest) throw new Error('run me as a worker');
const port = toTest;

(process as unknown as { parentPort: unknown }).parentPort = {
  on(_event: 'message', listener: (event: { data: unknown; ports: unknown[] }) => void) {
    port.on('message', (message: { data: unknown; ports?: MessagePort[] }) =>
      listener({ data: message.data, ports: (message.ports ?? []).map(asElectronPort) }),
    );
    return this;
  },
  postMessage: (message: unknown) => port.postMessage(message),
};

// Imported only now, so the entry finds parentPort in place.
await import('../../../../electron/core/host/utility-entry');

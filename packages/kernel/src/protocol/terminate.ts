/**
 * The last resort of an interrupt: stops the JavaScript the main thread is running, from the
 * protocol worker, through the inspector (`Runtime.terminateExecution` on a session connected
 * to the main thread). It reaches code that SIGINT cannot: a cell's loop that runs after an
 * `await` runs outside vm's breakOnSigint. The termination unwinds only the running JavaScript
 * (it is uncatchable and cancelled when that script ends); the process, the kernel's event
 * loop and the cell context's variables stay. Posted while the main thread is idle, it ends
 * nothing.
 */
import { Session } from 'node:inspector';

/** Resolves once the main thread has taken the request (or with the inspector's error). */
export function terminateMainThread(): Promise<void> {
  const session = new Session();
  session.connectToMainThread();
  return new Promise<void>((resolve, reject) => {
    session.post('Runtime.terminateExecution', (err) => {
      // connected sessions make Node print "Waiting for the debugger to disconnect" at exit
      session.disconnect();
      if (err) reject(new Error(`the inspector refused Runtime.terminateExecution: ${err.message}`));
      else resolve();
    });
  });
}

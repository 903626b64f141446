import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../core/log';
import { answerAndClose } from '../../shared/net/answer-and-close';
import { sendJson } from './static-files';

type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * One error boundary per request. Any web page the person visits can make the
 * browser send requests here (`<img src="http://127.0.0.1:4817/%00">`), so a
 * route that throws or rejects must cost that one request, never the process:
 * input we could not parse is a 400, anything else a 500, and the process
 * keeps serving. Logs carry the method and the error's name, code and place,
 * never the path, headers or body: they are whatever the sender chose.
 */
export function withErrorBoundary(log: Logger, route: Route): RequestListener {
  return (request, response) => {
    // Without a listener, an 'error' on either stream is an uncaught exception.
    request.on('error', (error) => log.debug('web shell: request stream error', describe(error)));
    response.on('error', (error) => log.debug('web shell: response stream error', describe(error)));
    const fail = (error: unknown) => {
      const malformed = isMalformedInput(error);
      log[malformed ? 'warn' : 'error']('web shell: request failed', { method: request.method, ...describe(error) });
      try {
        if (response.headersSent) response.destroy();
        else if (malformed) sendJson(response, 400, { error: { code: 'invalid_payload', message: 'Lede could not read this request.' } }, { Connection: 'close' });
        else sendJson(response, 500, { error: { code: 'internal', message: 'Lede could not answer this request; its log has the details.' } }, { Connection: 'close' });
      } catch {
        response.destroy();
      }
    };
    try {
      const pending = route(request, response);
      if (pending) pending.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/**
 * The http server's 'clientError': a request its parser refused (bad header,
 * header too large, NUL in the request line) or a connection reset mid-request.
 * Answered like Node's default, but never thrown.
 */
export function answerClientError(log: Logger, error: NodeJS.ErrnoException, socket: Duplex): void {
  log.debug('web shell: client error', describe(error));
  if (socket.listenerCount('error') === 0) socket.on('error', () => undefined);
  if (error.code === 'ECONNRESET') return void socket.destroy();
  if (error.code === 'HPE_HEADER_OVERFLOW') return answerAndClose(socket, 431, 'Request Header Fields Too Large');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return answerAndClose(socket, 408, 'Request Timeout');
  answerAndClose(socket, 400, 'Bad Request');
}

/** Name, code and the first stack line: enough to find the fault, nothing the sender wrote. */
export function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  return { name: error.name, code: (error as NodeJS.ErrnoException).code, at: error.stack?.split('\n')[1]?.trim() };
}

/** Errors that mean the request itself was malformed, not that Lede failed. */
function isMalformedInput(error: unknown): boolean {
  if (error instanceof URIError) return true;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_INVALID_URL' || code === 'ERR_INVALID_CHAR';
}

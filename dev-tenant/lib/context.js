// @ts-check
/**
 * What every endpoint handler receives for one request.
 * @typedef {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse,
 *   url: URL, path: string, params: Record<string, string>, cookies: Record<string, string>,
 *   origin: string | null, fault: import('./faults.js').Fault | null }} Context
 */

export {};

import fs from 'node:fs';
import { NotFoundError, type ServerStore } from '../storage/server-store';
import { table } from '../users-cli';
import { describeSettings, type OutputRequest } from './output-config';
import type { OutputSecrets } from './output-secrets';
import type { PublishingDb } from './publishing-db';

/**
 * `output add|list|remove`: where the server transmits published stories
 * (ADR 0071). A running server reads the outputs at each transmission, so
 * a change applies to the next story published without a restart.
 */
export async function addOutput(store: ServerStore, db: PublishingDb, secrets: OutputSecrets, request: OutputRequest): Promise<string[]> {
  // Everything is checked before anything is written: a typo makes nothing.
  const known = new Set((await store.listDesks()).map((desk) => desk.name));
  const unknown = request.desks.filter((desk) => !known.has(desk));
  if (unknown.length > 0) throw new NotFoundError(`There is no desk called ${unknown.map((desk) => `"${desk}"`).join(', ')}. Add it first with: desk add NAME`);
  if ((await db.listOutputs()).some((output) => output.name === request.name)) {
    throw new Error(`There is already an output called "${request.name}". Remove it first (output remove ${request.name}), or pick another name.`);
  }
  let secret = request.secret;
  if (request.keyFile !== null) {
    try {
      secret = fs.readFileSync(request.keyFile, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the SSH key ${request.keyFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(secret)) throw new Error(`${request.keyFile} is not a private key in PEM or OpenSSH form.`);
  }
  if (request.spec.type === 'folder') fs.mkdirSync(request.spec.settings.path, { recursive: true });
  // The secret first: an output in the database always has its secret beside it.
  if (secret !== null) secrets.write(request.name, secret);
  const added = await db.addOutput({
    name: request.name,
    type: request.spec.type,
    config: { ...request.spec.settings },
    desks: request.desks,
    embargoedCopy: request.embargoedCopy,
    createdMs: Date.now(),
  });
  if (!added) throw new Error(`There is already an output called "${request.name}".`);
  const reach = request.desks.length ? `stories of ${request.desks.map((desk) => `"${desk}"`).join(', ')}` : 'stories of every desk';
  return [`Added the ${request.spec.type} output "${request.name}": ${reach} are transmitted to ${describeSettings(request.spec.type, request.spec.settings as unknown as Record<string, unknown>)} when published.`];
}

export async function listOutputs(db: PublishingDb): Promise<string[]> {
  const outputs = await db.listOutputs();
  if (outputs.length === 0) return ['No outputs yet. Add one with: npm run server -- output add NAME --type http --url URL --secret SECRET'];
  return table(
    ['NAME', 'TYPE', 'DESKS', 'EMBARGOED COPY', 'WHERE'],
    outputs.map((output) => [output.name, output.type, output.desks.join(', ') || 'all', output.embargoedCopy ? 'yes' : 'no', describeSettings(output.type, output.config)]),
  );
}

export async function removeOutput(db: PublishingDb, secrets: OutputSecrets, name: string): Promise<string[]> {
  if (!(await db.removeOutput(name, Date.now()))) throw new NotFoundError(`There is no output called "${name}".`);
  secrets.remove(name);
  return [`Removed the output "${name}". Transmissions to it that were still waiting are marked refused; what it received stays in the record.`];
}

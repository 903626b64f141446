import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh, empty database on the test PostgreSQL for one test (dropped when
 * the test process ends is not needed: names are random and the cluster is
 * throwaway). Returns its URL.
 */
export async function freshDatabase(baseUrl: string): Promise<string> {
  const name = `lede_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

import { z } from 'zod';
import { isBase64 } from '../base64';
import { NEWSROOM_ROLES, STATUSES } from '../model';

/** Values every part of the API uses: ids, names, Yjs updates as base64, statuses, the profile. */

export const MAX_UPDATE_BASE64 = 24 * 1024 * 1024;
export const MAX_NAME = 200;
export const MAX_TEXT = 4000;

export const id = z.string().uuid('must be a story id (UUID)');
export const name = z.string().trim().min(1, 'must not be empty').max(MAX_NAME);
export const update = z
  .string()
  .min(4)
  .max(MAX_UPDATE_BASE64, 'update is too large')
  .refine(isBase64, 'must be base64');
export const status = z.enum(STATUSES);
const newsroomRole = z.enum(NEWSROOM_ROLES);
export const isoDate = z.string().max(40);
export const none = z.object({}).strict();

export const profile = z.object({ name, role: newsroomRole }).strict();
export const person = z.object({ id: z.string(), name: z.string(), bio: z.string() });

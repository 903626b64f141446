import type { Actor, StoryAccess } from './story-rules';

/**
 * Who may change a photo's details (caption, credit, keywords…): photo
 * editors, desk editors and admins; a reporter brings a new photo in (its
 * first document) but does not change one the newsroom has; a reader
 * changes nothing. Photos serve every desk, so every account reads them.
 */
export function photoAccess(actor: Actor, alreadyInNewsroom: boolean): StoryAccess {
  if (actor.role === 'reader') return 'read';
  if (actor.role === 'reporter') return alreadyInNewsroom ? 'read' : 'write';
  return 'write';
}

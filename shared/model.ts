/** The parts of a story and of the people who write it, as plain data. */

export const STATUSES = ['draft', 'in_edit', 'ready', 'published', 'spiked'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  in_edit: 'In edit',
  ready: 'Ready',
  published: 'Published',
  spiked: 'Spiked',
};

export const BYLINE_ROLES = ['author', 'contributor', 'photographer', 'editor'] as const;
export type BylineRole = (typeof BYLINE_ROLES)[number];

export const BYLINE_ROLE_LABELS: Record<BylineRole, string> = {
  author: 'Author',
  contributor: 'Contributor',
  photographer: 'Photographer',
  editor: 'Editor',
};

/** The role a person gives on first start; it decides what the workflow lets them do. */
export const NEWSROOM_ROLES = ['reporter', 'editor', 'photo_editor'] as const;
export type NewsroomRole = (typeof NEWSROOM_ROLES)[number];

export const NEWSROOM_ROLE_LABELS: Record<NewsroomRole, string> = {
  reporter: 'Reporter',
  editor: 'Editor',
  photo_editor: 'Photo editor',
};

export interface Profile {
  name: string;
  role: NewsroomRole;
}

/** A byline on one story. `personId` links it to the people directory when known. */
export interface Byline {
  id: string;
  name: string;
  role: BylineRole;
  organisation?: string;
  personId?: string;
}

/** An entry in "Edited by". */
export interface EditorCredit {
  name: string;
  personId?: string;
}

/** The people directory, shared across stories. */
export interface Person {
  id: string;
  name: string;
  bio: string;
}

/** Every field of a story except the body, as read from its document. */
export interface ArticleFields {
  headline: string;
  kicker: string;
  teaser: string;
  section: string;
  status: Status;
  language: string;
  bylines: Byline[];
  sources: string[];
  editedBy: EditorCredit[];
  tags: string[];
  slug: string;
  dateline: string;
  /** ISO 8601 with offset. */
  createdAt: string;
  publishedAt: string | null;
  /** Set while the story is in the trash. */
  trashedAt: string | null;
}

/** One row of the library, derived from the story's document. */
export interface ArticleSummary {
  /** synced / waiting / flagged (the server lost it) / local_only (kept off the server). */
  sync: 'synced' | 'waiting' | 'flagged' | 'local_only';
  id: string;
  headline: string;
  kicker: string;
  section: string;
  status: Status;
  bylines: string[];
  language: string;
  wordCount: number;
  /** Suggestions waiting and comment threads not resolved (ADR 0072). */
  openSuggestions: number;
  openComments: number;
  createdAt: string;
  updatedAt: string;
  trashedAt: string | null;
}

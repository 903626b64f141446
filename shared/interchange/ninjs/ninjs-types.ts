/** The parts of a ninjs 2.2 document Lede writes and reads (the schema allows much more). */

export const NINJS = {
  standard: { name: 'ninjs', version: '2.2', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json' },
} as const;

export interface NinjsText {
  role?: string;
  contenttype?: string;
  value: string;
}

export interface NinjsBody extends NinjsText {
  charcount?: number;
  wordcount?: number;
}

export interface NinjsRendition {
  name: string;
  href?: string;
  contenttype?: string;
  title?: string;
  width?: number;
  height?: number;
  sizeinbytes?: number;
  duration?: number;
}

export interface NinjsEntity {
  name?: string;
  rel?: string;
  uri?: string;
  literal?: string;
  role?: string;
}

export interface NinjsObject {
  uri?: string;
  type?: string;
  standard?: { name?: string; version?: string; schema?: string };
  representationtype?: string;
  pubstatus?: string;
  language?: string;
  firstcreated?: string;
  versioncreated?: string;
  /** The object's version (a string in ninjs): the server's publication count of the story. */
  version?: string;
  /** ISO 8601: the moment before which the object is embargoed. */
  embargoed?: string;
  slugline?: string;
  located?: string;
  headlines?: NinjsText[];
  descriptions?: NinjsText[];
  by?: string;
  people?: NinjsEntity[];
  infosources?: NinjsEntity[];
  subjects?: NinjsEntity[];
  bodies?: NinjsBody[];
  renditions?: NinjsRendition[];
  associations?: NinjsAssociation[];
}

export interface NinjsAssociation extends NinjsObject {
  name: string;
  uri: string;
}

export interface NinjsDocument extends NinjsObject {
  uri: string;
}

/** MIME type for dragging a photo from the desk (or the story's photo panel) into a story: the hash, nothing else. */
export const MEDIA_DRAG_TYPE = 'application/x-lede-media';

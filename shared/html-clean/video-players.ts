import { elementText } from './element-text';
import { hasClassMark, isInside, type DomElement } from './dom';
import { DURATION, short, type NotKeptMedia } from '../web-article/web-article';

/**
 * Video players on a web page come with chrome — a poster, a play button,
 * the video's title, its running time — that is text in the markup but not
 * part of the story: left in, a pasted player became a subhead and a "04:44"
 * paragraph. The cleaner takes players out whole, and the web-article
 * readers list what was taken out (ADR 0066).
 */

const PLAYER_MARKS = ['video', 'video-player', 'videoplayer', 'player', 'media-player', 'video-container', 'video-wrapper', 'jwplayer', 'vjs-player'];
const VIDEO_HOSTS = /youtube|youtu\.be|vimeo|dailymotion|jwplayer|brightcove|player|video/i;

function remove(...elements: Array<DomElement | null>): void {
  for (const element of elements) element?.remove();
}

/** A video player with its chrome, as one listed item: "Can a night ferry pay its way? 04:44", else where it came from. */
function describeVideo(player: DomElement): string {
  let title = '';
  let duration = '';
  for (const element of [player, ...Array.from(player.querySelectorAll('*'))]) {
    const text = elementText(element);
    if (!duration && DURATION.test(text) && element.children.length === 0) duration = text.replace(/[()]/g, '');
    const isTitle = /^h[1-6]$/i.test(element.tagName) || element.tagName === 'FIGCAPTION' || hasClassMark(element, ['title', 'headline', 'caption']);
    if (!title && isTitle && text && !DURATION.test(text)) title = text;
  }
  const media = player.tagName === 'VIDEO' || player.tagName === 'IFRAME' ? player : player.querySelector('video, iframe');
  title ||= (media?.getAttribute('title') ?? media?.getAttribute('aria-label') ?? '').trim();
  const host = /^https?:\/\/([^/]+)/i.exec(media?.getAttribute('src') ?? '')?.[1];
  if (!title && host) title = `from ${host}`;
  return short([title, duration].filter(Boolean).join(' '));
}

function isLedeVideoEmbed(element: DomElement): boolean {
  return element.getAttribute('data-type') === 'video-embed';
}

/**
 * Takes every video player out of `root` and lists it. A player is a
 * <video>, an <iframe> from a video host, or an element the page marks as a
 * player; with the small box around it that holds its title and duration.
 * A subhead followed by nothing but a running time ("04:44") is a player
 * whose video did not come along. Lede's own video embeds stay.
 */
export function takeOutVideoPlayers(root: DomElement): NotKeptMedia[] {
  const players: DomElement[] = [];
  const isTaken = (element: DomElement) => players.some((player) => isInside(element, player));
  for (const element of Array.from(root.querySelectorAll('video, iframe, [class]'))) {
    const tag = element.tagName;
    const media = tag === 'VIDEO' || (tag === 'IFRAME' && VIDEO_HOSTS.test(element.getAttribute('src') ?? ''));
    if (!media && !hasClassMark(element, PLAYER_MARKS)) continue;
    if (isTaken(element) || isLedeVideoEmbed(element)) continue;
    // A box the page calls "video" that holds an article's worth of text is a section, not a player.
    if (!media && elementText(element).length > 200) continue;
    let player = element;
    // Climb to the box that holds only the player and its chrome (title, duration): little text, no paragraph.
    while (media && player.parentElement && player.parentElement !== root && !isLedeVideoEmbed(player.parentElement)) {
      const parent = player.parentElement;
      if (parent.tagName === 'ARTICLE' || parent.querySelector('p') || elementText(parent).length > 120) break;
      player = parent;
    }
    players.push(player);
  }
  const notKept = players.map((player) => ({ kind: 'video' as const, description: describeVideo(player) }));
  remove(...players);
  for (const element of Array.from(root.querySelectorAll('p, div, span'))) {
    if (element.children.length > 0 || (element.textContent ?? '').length > 20 || !DURATION.test(elementText(element))) continue;
    const heading = element.previousElementSibling;
    if (!heading || !/^H[2-6]$/.test(heading.tagName)) continue;
    notKept.push({ kind: 'video', description: short(`${elementText(heading)} ${elementText(element).replace(/[()]/g, '')}`) });
    remove(heading, element);
  }
  return notKept;
}

import { describe, expect, it } from 'vitest';
import { Sessions } from '../../../electron/core/sessions';

/** Sessions is the one owner of "is this story open": these are the events everything else acts on. */
describe('which sessions have which story open', () => {
  const setup = () => {
    const sessions = new Sessions();
    const events: string[] = [];
    sessions.onFirstOpen((id) => events.push(`first ${id}`));
    sessions.onLastClose((id) => events.push(`last ${id}`));
    return { sessions, events, a: sessions.add(() => undefined), b: sessions.add(() => undefined) };
  };

  it('counts opens per session: a story opened twice in one window needs two closes', () => {
    const { sessions, events, a } = setup();
    sessions.open(a, 's1');
    sessions.open(a, 's1');
    sessions.close(a, 's1');
    expect(sessions.isOpenIn(a, 's1')).toBe(true);
    expect(events).toEqual(['first s1']);
    sessions.close(a, 's1');
    expect(sessions.isOpenIn(a, 's1')).toBe(false);
    expect(events).toEqual(['first s1', 'last s1']);
  });

  it('tells once when a story is first opened anywhere and once when it is closed everywhere', () => {
    const { sessions, events, a, b } = setup();
    sessions.open(a, 's1');
    sessions.open(b, 's1');
    sessions.close(a, 's1');
    expect(events).toEqual(['first s1']);
    expect(sessions.isOpenAnywhere('s1')).toBe(true);
    sessions.close(b, 's1');
    expect(events).toEqual(['first s1', 'last s1']);
  });

  it('a close from a session that never opened the story closes nothing', () => {
    const { sessions, events, a, b } = setup();
    sessions.open(a, 's1');
    sessions.close(b, 's1');
    sessions.close(b, 's2');
    expect(sessions.isOpenIn(a, 's1')).toBe(true);
    expect(events).toEqual(['first s1']);
  });

  it('a session that goes away closes what it had open, except where another session still has it', () => {
    const { sessions, events, a, b } = setup();
    sessions.open(a, 's1');
    sessions.open(a, 's1');
    sessions.open(a, 's2');
    sessions.open(b, 's2');
    sessions.remove(a);
    expect(events).toEqual(['first s1', 'first s2', 'last s1']);
    expect(sessions.isOpenAnywhere('s2')).toBe(true);
    expect(sessions.count()).toBe(1);
  });

  it('reaches the viewers of a story except the sender', () => {
    const sessions = new Sessions();
    const heard: string[] = [];
    const a = sessions.add(() => heard.push('a'));
    const b = sessions.add(() => heard.push('b'));
    sessions.add(() => heard.push('c'));
    sessions.open(a, 's1');
    sessions.open(b, 's1');
    sessions.toArticleViewers('s1', a.id, 'library.changed', { ids: ['s1'] });
    expect(heard).toEqual(['b']);
  });
});

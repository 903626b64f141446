import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * React views of the story's shared types. Each re-reads its type when it
 * changes, whether the change was made here or arrived from core (another
 * window, a status move, a colleague after sync).
 */

export function useYArray<T>(array: Y.Array<T>): T[] {
  const [items, setItems] = useState(() => array.toArray());
  useEffect(() => {
    const update = () => setItems(array.toArray());
    update();
    array.observe(update);
    return () => array.unobserve(update);
  }, [array]);
  return items;
}

export function useYMapValue(map: Y.Map<string | null>, key: string): string | null {
  const [value, setValue] = useState(() => readString(map, key));
  useEffect(() => {
    const update = (event?: Y.YMapEvent<string | null>) => {
      if (!event || event.keysChanged.has(key)) setValue(readString(map, key));
    };
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [map, key]);
  return value;
}

function readString(map: Y.Map<string | null>, key: string): string | null {
  const value = map.get(key);
  return typeof value === 'string' ? value : null;
}

export function useYText(text: Y.Text): string {
  const [value, setValue] = useState(() => text.toString());
  useEffect(() => {
    const update = () => setValue(text.toString());
    update();
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  return value;
}

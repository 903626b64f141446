import type * as Y from 'yjs';
import type { EditorCredit } from '../../../shared/model';
import { ChipInput } from '../../ui/ChipInput';
import { useYArray } from '../use-y';

/** "Edited by": core appends the editor who moves a story on; people may add or remove names too. */
export function EditedByField({ array, readOnly }: { array: Y.Array<EditorCredit>; readOnly?: boolean }) {
  const credits = useYArray(array);
  return (
    <ChipInput
      label="Edited by"
      items={credits.map((credit) => credit.name)}
      placeholder="Add an editor…"
      hint="Added automatically when an editor moves the story forward."
      readOnly={readOnly}
      onAdd={(name) => array.doc?.transact(() => array.push([{ name }]))}
      onRemove={(index) => {
        const credit = credits[index];
        array.doc?.transact(() => {
          const at = array.toArray().findIndex((c) => c.name === credit?.name);
          if (at >= 0) array.delete(at, 1);
        });
      }}
    />
  );
}

import type * as Y from 'yjs';
import { ChipInput } from '../../ui/ChipInput';
import { useYArray } from '../use-y';

interface StringListFieldProps {
  label: string;
  array: Y.Array<string>;
  placeholder?: string;
  hint?: string;
  suggestions?: string[];
  readOnly?: boolean;
}

/** A shared list of short strings (sources, tags) as chips; edits go straight into the story's document. */
export function StringListField({ label, array, placeholder, hint, suggestions, readOnly }: StringListFieldProps) {
  const items = useYArray(array);
  return (
    <ChipInput
      label={label}
      items={items}
      placeholder={placeholder}
      hint={hint}
      suggestions={suggestions}
      readOnly={readOnly}
      onAdd={(value) => array.doc?.transact(() => array.push([value]))}
      onRemove={(index) => {
        // Delete by value at the moment of the click: a colleague's edit may have shifted the list.
        const value = items[index];
        array.doc?.transact(() => {
          const at = array.toArray().indexOf(value!);
          if (at >= 0) array.delete(at, 1);
        });
      }}
    />
  );
}

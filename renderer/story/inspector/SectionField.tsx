import type * as Y from 'yjs';
import { useApp } from '../../state/app-store';
import { useYMapValue } from '../use-y';

/** The section from the newsroom's list; a section no longer in the list stays shown, not silently dropped. */
export function SectionField({ meta, readOnly }: { meta: Y.Map<string | null>; readOnly?: boolean }) {
  const section = useYMapValue(meta, 'section') ?? '';
  const sections = useApp((s) => s.config?.sections ?? []);
  const options = section && !sections.includes(section) ? [...sections, section] : sections;
  return (
    <div className="field">
      <label className="field-label" htmlFor="inspector-section">
        Section
      </label>
      <select
        id="inspector-section"
        className="select"
        value={section}
        disabled={readOnly}
        onChange={(event) => {
          const next = event.target.value;
          meta.doc?.transact(() => meta.set('section', next));
        }}
      >
        <option value="">No section</option>
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
            {sections.includes(name) ? '' : ' (not in the list)'}
          </option>
        ))}
      </select>
    </div>
  );
}

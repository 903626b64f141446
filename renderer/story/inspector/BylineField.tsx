import { useState } from 'react';
import type * as Y from 'yjs';
import type { Byline } from '../../../shared/model';
import { useApp } from '../../state/app-store';
import { useYArray } from '../use-y';
import { addByline, personForName, removeByline, sameName, updateByline } from './byline-edits';
import { BylineAdd } from './BylineAdd';
import { BylineItem } from './BylineItem';
import { PersonBioDialog } from './PersonBioDialog';

/** The story's bylines, linked to the people directory. */
export function BylineField({ array, dir, readOnly }: { array: Y.Array<Byline>; dir: 'ltr' | 'rtl'; readOnly?: boolean }) {
  const bylines = useYArray(array);
  const profile = useApp((s) => s.profile);
  const [bioFor, setBioFor] = useState<Byline | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const addNamed = async (name: string) => {
    const found = await personForName(name);
    if (!found.ok) throw new Error(`Could not add ${name} to the directory: ${found.message}`);
    addByline(array, { name: found.person.name, personId: found.person.id });
  };

  const meMissing = profile && !bylines.some((byline) => sameName(byline.name, profile.name));

  return (
    <div className="field byline-field">
      <h3 id="inspector-bylines-title" className="field-label">
        Bylines
      </h3>
      {bylines.length === 0 ? (
        <p className="field-hint">No byline yet.</p>
      ) : (
        <ul className="bylines">
          {bylines.map((byline) => (
            <BylineItem
              key={byline.id}
              byline={byline}
              dir={dir}
              readOnly={readOnly}
              onChange={(patch) => updateByline(array, byline.id, patch)}
              onRemove={() => removeByline(array, byline.id)}
              onEditBio={() => setBioFor(byline)}
            />
          ))}
        </ul>
      )}
      {!readOnly && (
        <>
          <BylineAdd
            dir={dir}
            taken={bylines.map((byline) => byline.name)}
            me={profile?.name}
            onPick={async (choice) => {
              if ('person' in choice) addByline(array, { name: choice.person.name, personId: choice.person.id });
              else await addNamed(choice.newName);
            }}
          />
          {meMissing && (
            <button
              type="button"
              className="button button-small button-quiet add-me"
              onClick={() => {
                setProblem(null);
                addNamed(profile.name).catch((error: Error) => setProblem(error.message));
              }}
            >
              + Add me ({profile.name})
            </button>
          )}
          {problem && (
            <p role="alert" className="field-error">
              {problem}
            </p>
          )}
        </>
      )}
      {bioFor && (
        <PersonBioDialog
          byline={bioFor}
          onClose={() => setBioFor(null)}
          onLinked={(personId) => updateByline(array, bioFor.id, { personId })}
        />
      )}
    </div>
  );
}

import { useRef, useState } from "react";

interface EditableLevel {
  id: string; // "" for a level not saved yet
  label: string;
  uid: number;
}

/**
 * Levels in order, each with rename, move up/down and remove; posts them as
 * repeated levelId/levelLabel fields. Without JavaScript the fields still post
 * as rendered.
 */
export function LevelsEditor({ initial, error, locked }: { initial: { id: string; label: string }[]; error?: string; locked: boolean }) {
  const next = useRef(initial.length);
  const [levels, setLevels] = useState<EditableLevel[]>(() => initial.map((level, uid) => ({ ...level, uid })));
  const [announcement, setAnnouncement] = useState("");
  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= levels.length) return;
    const copy = [...levels];
    [copy[index], copy[target]] = [copy[target]!, copy[index]!];
    setLevels(copy);
    setAnnouncement(`${copy[target]!.label || "Level"} moved to position ${target + 1} of ${copy.length}.`);
  };
  if (locked) {
    return (
      <fieldset className="fieldset">
        <legend>Levels</legend>
        <p className="field__hint">Levels are fixed once a round has opened, because answers refer to them.</p>
        <ol>
          {initial.map((level) => (
            <li key={level.id}>
              {level.label}
              {/* Posted as they are, so the rest of the form can be saved. */}
              <input type="hidden" name="levelId" value={level.id} />
              <input type="hidden" name="levelLabel" value={level.label} />
            </li>
          ))}
        </ol>
      </fieldset>
    );
  }
  return (
    <fieldset id="levels" tabIndex={-1} className={error ? "fieldset field--error" : "fieldset"} aria-describedby={error ? "levels-error" : "levels-hint"}>
      <legend>Levels</legend>
      <p className="field__hint" id="levels-hint">
        The groups you compare, top level first (the report treats the first as the top). At least two.
      </p>
      {error ? (
        <p className="field__error" id="levels-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <ol className="levels-editor">
        {levels.map((level, index) => (
          <li key={level.uid}>
            <input type="hidden" name="levelId" value={level.id} />
            <label className="visually-hidden" htmlFor={`level-${level.uid}`}>
              Level {index + 1} name
            </label>
            <input
              id={`level-${level.uid}`}
              className="input"
              name="levelLabel"
              value={level.label}
              maxLength={80}
              required
              onChange={(event) => setLevels(levels.map((l) => (l.uid === level.uid ? { ...l, label: event.target.value } : l)))}
            />
            <button type="button" className="button button--small button--secondary" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move ${level.label || `level ${index + 1}`} up`}>
              ↑
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => move(index, 1)}
              disabled={index === levels.length - 1}
              aria-label={`Move ${level.label || `level ${index + 1}`} down`}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                setLevels(levels.filter((l) => l.uid !== level.uid));
                setAnnouncement(`${level.label || "Level"} removed.`);
              }}
              aria-label={`Remove ${level.label || `level ${index + 1}`}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => {
          setLevels([...levels, { id: "", label: "", uid: next.current++ }]);
          setAnnouncement("Level added at the end.");
        }}
      >
        Add a level
      </button>
      <span role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </span>
    </fieldset>
  );
}

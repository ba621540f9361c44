/**
 * "Try the survey" on the round page: staff take any level's survey in a
 * preview that stores nothing. Plain links: the survey pages load as whole
 * documents, as respondents get them.
 */
export function SurveyPreviewLinks({ roundId, levels }: { roundId: string; levels: readonly { key: string; label: string }[] }) {
  if (levels.length === 0) return null;
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Try the survey</h2>
      <p>See the survey exactly as each level will. A preview stores nothing: no response, no draft, nothing counted.</p>
      <ul className="plain">
        {levels.map((level) => (
          <li key={level.key}>
            <a href={`/rounds/${roundId}/preview/${encodeURIComponent(level.key)}`}>Preview the survey as {level.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

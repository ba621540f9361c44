/** Which organisations a facilitator or consultant may see. */
export function OrganisationCheckboxes({ organisations, checked }: { organisations: { id: string; name: string }[]; checked: string[] }) {
  if (organisations.length === 0) return <p className="hint">No organisations exist yet.</p>;
  return (
    <fieldset className="fieldset">
      <legend>Organisations they can see</legend>
      <p className="field__hint">Admins see every organisation whatever is ticked here.</p>
      {organisations.map((organisation) => (
        <div key={organisation.id}>
          <label>
            <input type="checkbox" name="organisationId" value={organisation.id} defaultChecked={checked.includes(organisation.id)} /> {organisation.name}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * Which organisations a facilitator or consultant may see. Two workspaces may
 * hold the same name, so an admin sees such names with their ids to tell them apart.
 */
export function OrganisationCheckboxes({ organisations, checked }: { organisations: { id: string; name: string }[]; checked: string[] }) {
  if (organisations.length === 0) return <p className="hint">No organisations exist yet.</p>;
  const shared = (name: string) => organisations.filter((o) => o.name.toLowerCase() === name.toLowerCase()).length > 1;
  return (
    <fieldset className="fieldset">
      <legend>Organisations they can see</legend>
      <p className="field__hint">Admins see every organisation whatever is ticked here.</p>
      {organisations.map((organisation) => (
        <div key={organisation.id}>
          <label>
            <input type="checkbox" name="organisationId" value={organisation.id} defaultChecked={checked.includes(organisation.id)} /> {organisation.name}
            {shared(organisation.name) ? <span className="hint"> (id {organisation.id})</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

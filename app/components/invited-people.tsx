interface InvitedPerson {
  email: string;
  name: string | null;
  levelLabel: string;
}

/**
 * The people the facilitator uploaded, by level and email. Deliberately without
 * a status or a link: who has answered is not for anyone running the survey.
 */
export function InvitedPeople({ people }: { people: InvitedPerson[] }) {
  return (
    <section aria-labelledby="invited">
      <h2 id="invited">Invited ({people.length})</h2>
      {people.length === 0 ? (
        <div className="empty">
          <p>No one is invited yet. Upload a CSV file above, or use the level links on the round page.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Invited people, by level and email (whether each has answered is never shown)</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Level</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.email}>
                  <td>{person.email}</td>
                  <td>{person.name ?? ""}</td>
                  <td>{person.levelLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

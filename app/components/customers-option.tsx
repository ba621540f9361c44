/**
 * The round form's choice to ask the organisation's customers too. Customers answer a short questionnaire of
 * their own through a customer link (or personal invitations), never need an account, and are reported as one
 * more group under the same anonymity rules.
 */
export function CustomersOption({ checked, locked }: { checked: boolean; locked: boolean }) {
  return (
    <fieldset className="fieldset">
      <legend>Customers</legend>
      {locked ? (
        <>
          <p className="field__hint">{checked ? "This round asks the organisation's customers too." : "This round asks staff only."} This is fixed once a round has opened.</p>
          {checked ? <input type="hidden" name="customers" value="on" /> : null}
        </>
      ) : (
        <div className="field field--checkbox">
          <input id="field-customers" name="customers" type="checkbox" defaultChecked={checked} aria-describedby="field-customers-hint" />
          <label htmlFor="field-customers">Ask the organisation’s customers too</label>
          <p className="field__hint" id="field-customers-hint">
            Adds a customer link: customers answer a four-minute questionnaire on what dealing with the organisation is like, what they want from it, and how
            likely they are to recommend it. The report sets what they experience beside what each level says it runs.
          </p>
        </div>
      )}
    </fieldset>
  );
}

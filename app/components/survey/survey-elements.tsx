import type { ElementView } from "~/domain/survey/view";
import { CounterField, NumberGroupField } from "./number-group";
import { RadioGroupField } from "./radio-group";
import { SelectField, TextField } from "./simple-fields";

/** Renders a page's elements in order; each type has its own component. */
export function SurveyElements({ elements }: { elements: ElementView[] }) {
  return (
    <>
      {elements.map((element) => (
        <SurveyElement key={element.id} element={element} />
      ))}
    </>
  );
}

function SurveyElement({ element }: { element: ElementView }) {
  switch (element.kind) {
    case "html":
      // The questionnaire's own HTML, from the instrument file in this repository (never from a respondent).
      return <div className="survey-html" id={element.id} dangerouslySetInnerHTML={{ __html: element.html }} />;
    case "panel":
      return (
        <section className="survey-panel" id={element.id} aria-labelledby={element.title ? `${element.id}-title` : undefined}>
          {element.title ? <h2 id={`${element.id}-title`}>{element.title}</h2> : null}
          {element.description ? <p className="hint">{element.description}</p> : null}
          <SurveyElements elements={element.elements} />
        </section>
      );
    case "statements":
      return (
        <div className="statements" id={element.id}>
          {element.titleHidden ? null : <h2 className="statements__title">{element.title}</h2>}
          {element.description ? <p className="hint">{element.description}</p> : null}
          {element.errors.length > 0 ? <p className="field-error">{element.errors.join(" ")}</p> : null}
          {element.rows.map((row) => (
            <RadioGroupField key={row.field} group={row} />
          ))}
        </div>
      );
    case "numbers":
      return <NumberGroupField question={element} />;
    case "counter":
      return <CounterField counter={element} />;
    case "choice":
      return <RadioGroupField group={element} question />;
    case "select":
      return <SelectField question={element} />;
    case "text":
      return <TextField question={element} />;
  }
}

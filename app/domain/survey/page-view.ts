import type { PageModel, PanelModel, Question, QuestionExpressionModel, QuestionMatrixModel, QuestionMultipleTextModel } from "survey-core";
import { parseExpression, remainingCounter, variablesOf } from "./expression";
import {
  assertRendered,
  choicesOf,
  isNumberInput,
  isPanel,
  maxLengthOf,
  pageAt,
  visibleElements,
  visiblePageIndexes,
  type Choice,
  type SurveyModel,
} from "./survey-model";
import { remainingSentence } from "./values";
import { fieldId, optionId, type ElementView, type Labelled, type Option, type PageView, type RadioGroup, type ViewOptions } from "./view";

export type { ElementView, Option, PageView, RadioGroup, ViewOptions };
export { fieldId, optionId };

const valueText = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const toOptions = (choices: Choice[]): Option[] => choices.map(({ value, text }) => ({ value, text }));

const isScalePoint = (option: Option) => /^-?\d+$/.test(option.value);

/** Options that are mostly numbers (a 1-5 agreement scale with "Don't know", a 0-10 rating) form a scale. */
function layoutOf(options: Option[]): RadioGroup["layout"] {
  return options.filter(isScalePoint).length >= 3 ? "scale" : "list";
}

function scaleAnchors(options: Option[], low?: string, high?: string): RadioGroup["anchors"] {
  const points = options.filter(isScalePoint);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || layoutOf(options) !== "scale") return null;
  const lowText = low || first.text;
  const highText = high || last.text;
  // Numbers alone say nothing more: only words at the ends are worth showing.
  return lowText === first.value && highText === last.value ? null : { low: lowText, high: highText };
}

export function buildPageView(model: SurveyModel, index: number, options: ViewOptions = {}): PageView {
  const raw = options.raw ?? {};
  const errors = options.errors ?? {};
  const problems: PageView["problems"] = [];
  const errorsOf = (key: string, target: string) => {
    const list = errors[key] ?? [];
    for (const message of list) problems.push({ target, message });
    return list;
  };
  const shown = (field: string, stored: unknown) => (field in raw ? raw[field]! : valueText(stored));
  const page = pageAt(model, index);
  const counters = countersOn(page);

  function labelled(question: Question): Omit<Labelled, "errors"> {
    return {
      id: fieldId(question.name),
      name: question.name,
      title: question.locTitle.renderedHtml,
      titleHidden: !(question as unknown as { hasTitle: boolean }).hasTitle,
      description: question.locDescription.renderedHtml,
      required: question.isRequired,
    };
  }

  function radioGroup(question: Question, field: string, title: string, value: unknown, required: boolean): RadioGroup {
    const id = fieldId(field);
    const options = toOptions(choicesOf(question));
    const rating = question as unknown as { minRateDescription?: string; maxRateDescription?: string };
    return {
      id,
      name: field,
      field,
      title,
      titleHidden: false,
      description: "",
      required,
      options,
      value: shown(field, value),
      layout: layoutOf(options),
      anchors: scaleAnchors(options, rating.minRateDescription, rating.maxRateDescription),
      errors: errorsOf(field, optionId(id, 0)),
    };
  }

  function view(element: Question | PanelModel): ElementView {
    if (isPanel(element)) {
        return { kind: "panel", id: `p-${element.name}`, title: element.locTitle.isEmpty ? "" : element.locTitle.renderedHtml, description: element.locDescription.renderedHtml, elements: visibleElements(element).map(view) };
    }
    const question = element;
    assertRendered(question);
    const base = labelled(question);
    switch (question.getType()) {
      case "html":
        return { kind: "html", id: base.id, html: (question as unknown as { locHtml: { renderedHtml: string } }).locHtml.renderedHtml };
      case "matrix": {
        const matrix = question as QuestionMatrixModel;
        const rowRequired = (matrix as unknown as { eachRowRequired?: boolean }).eachRowRequired === true;
        const values = (matrix.value ?? {}) as Record<string, unknown>;
        const rows = matrix.visibleRows.map((row) => radioGroup(question, String(row.name), row.text, values[String(row.name)], rowRequired));
        return {
          kind: "statements",
          ...base,
          errors: errorsOf(question.name, rows[0] ? optionId(rows[0].id, 0) : base.id),
          rows,
        };
      }
      case "multipletext": {
        const multiple = question as QuestionMultipleTextModel;
        const values = (multiple.value ?? {}) as Record<string, unknown>;
        const counter = counters.find((c) => c.question === question.name);
        const questionErrors = (errors[question.name] ?? []).map((message) => (counter ? `${message} ${remainingSentence(counter.left(), counter.total)}` : message));
        const firstItem = multiple.items[0];
        for (const message of questionErrors) problems.push({ target: firstItem ? fieldId(`${question.name}.${firstItem.name}`) : base.id, message });
        return {
          kind: "numbers",
          ...base,
          errors: questionErrors,
          counterId: counter ? fieldId(counter.name) : null,
          items: multiple.items.map((item) => {
            const field = `${question.name}.${item.name}`;
            const id = fieldId(field);
            return { field, id, title: item.locTitle.renderedHtml, value: shown(field, values[item.name]), errors: errorsOf(field, id) };
          }),
        };
      }
      case "expression":
        return counterView(model, question as QuestionExpressionModel, page);
      case "dropdown":
        return {
          kind: "select",
          ...base,
          field: question.name,
          options: toOptions(choicesOf(question)),
          value: shown(question.name, question.value),
          placeholder: (question as unknown as { placeholder?: string }).placeholder || "Choose one",
          errors: errorsOf(question.name, base.id),
        };
      case "radiogroup":
      case "rating": {
        const group = radioGroup(question, question.name, base.title, question.value, base.required);
        return { kind: "choice", ...group, titleHidden: base.titleHidden, description: base.description };
      }
      default: {
        const multiline = question.getType() === "comment";
        return {
          kind: "text",
          ...base,
          field: question.name,
          multiline,
          numeric: isNumberInput(question),
          value: shown(question.name, question.value),
          maxLength: maxLengthOf(question),
          rows: multiline ? Number((question as unknown as { rows?: number }).rows ?? 4) : 1,
          placeholder: (question as unknown as { placeholder?: string }).placeholder ?? "",
          errors: errorsOf(question.name, base.id),
        };
      }
    }
  }

  const elements = visibleElements(page).map(view);
  const visible = visiblePageIndexes(model);
  const position = visible.indexOf(index) + 1;
  return {
    index,
    name: page.name,
    title: page.locTitle.renderedHtml || page.name,
    description: page.locDescription.renderedHtml,
    position,
    count: visible.length,
    first: position === 1,
    last: position === visible.length,
    elements,
    buttons: { next: model.pageNextText, back: model.pagePrevText, submit: model.completeText },
    problems,
  };
}

/** Remaining-points counters on a page and the multiple-text question each one counts down. */
function countersOn(page: PageModel) {
  const found: { name: string; question: string; total: number; left: () => number | null }[] = [];
  const walk = (elements: (Question | PanelModel)[]) => {
    for (const element of elements) {
      if (isPanel(element)) walk(element.elements as (Question | PanelModel)[]);
      else if (element.getType() === "expression") {
        const expression = (element as QuestionExpressionModel).expression;
        const parsed = parseExpression(expression);
        const counter = parsed ? remainingCounter(parsed) : null;
        const owners = new Set(counter?.variables.map((v) => v.split(".")[0]));
        const [owner] = owners;
        if (counter && owners.size === 1 && owner) {
          const question = element;
          found.push({ name: element.name, question: owner, total: counter.total, left: () => (typeof question.value === "number" ? question.value : null) });
        }
      }
    }
  };
  walk(page.elements as (Question | PanelModel)[]);
  return found;
}

function counterView(model: SurveyModel, question: QuestionExpressionModel, page: PageModel): ElementView {
  const parsed = parseExpression(question.expression);
  const onPage = new Set<string>();
  for (const element of page.questions) {
    if (element.getType() === "multipletext") {
      for (const item of (element as QuestionMultipleTextModel).items) onPage.add(`${element.name}.${item.name}`);
    } else onPage.add(element.name);
  }
  const fields: Record<string, string> = {};
  const constants: Record<string, unknown> = {};
  for (const variable of parsed ? variablesOf(parsed) : []) {
    if (onPage.has(variable)) fields[variable] = variable;
    else constants[variable] = model.getVariable(variable) ?? readPath(model.data as Record<string, unknown>, variable);
  }
  const counter = parsed ? remainingCounter(parsed) : null;
  const value = question.value as unknown;
  return {
    kind: "counter",
    id: fieldId(question.name),
    name: question.name,
    title: question.locTitle.renderedHtml,
    expression: parsed ? question.expression : "",
    fields,
    constants,
    value: typeof value === "number" || typeof value === "string" ? value : null,
    total: counter ? counter.total : null,
  };
}

function readPath(data: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), data);
}

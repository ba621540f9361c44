import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Model, type PanelModel, type QuestionMultipleTextModel, type SurveyModel } from "survey-core";
import { Survey } from "survey-react-ui";
import { fromSurveyData, type SurveyLayout } from "~/domain/instrument/survey-data";
import type { Problem } from "~/utils/problem";
import { SaveStatus } from "./save-status";
import { surveyTheme } from "./theme";
import { useAutosave } from "./use-autosave";

interface SurveyRunnerProps {
  survey: object;
  layout: SurveyLayout;
  initialData: Record<string, unknown>;
  initialPage: number;
  saveUrl: string;
  submitUrl: string;
}

/**
 * SurveyJS numbers its elements from a process-wide counter, so the server and
 * the browser would render different ids and hydration would fail. Ids derived
 * from question names are the same on both sides.
 */
function stabiliseIds(model: SurveyModel) {
  model.pages.forEach((page, i) => (page.id = `mg-page-${i}`));
  for (const panel of model.getAllPanels() as PanelModel[]) panel.id = `mg-panel-${panel.name}`;
  for (const question of model.getAllQuestions()) {
    question.id = `mg-q-${question.name}`;
    if (question.getType() === "multipletext") {
      for (const item of (question as QuestionMultipleTextModel).items) item.editor.id = `mg-q-${question.name}-${item.name}`;
    }
  }
}

/** SurveyJS titles are divs by default; screen-reader users navigate by headings. */
const HEADING_TAGS: Record<string, string> = { survey: "h1", page: "h2", panel: "h3" };

function createModel(json: object, data: Record<string, unknown>, page: number): SurveyModel {
  const model = new Model(json);
  model.applyTheme(surveyTheme);
  model.onGetTitleTagName.add((_, options) => {
    options.tagName = HEADING_TAGS[options.element.getType()] ?? "h3";
  });
  stabiliseIds(model);
  model.data = data;
  if (page > 0 && page < model.pageCount) model.currentPageNo = page;
  return model;
}

export function SurveyRunner({ survey, layout, initialData, initialPage, saveUrl, submitUrl }: SurveyRunnerProps) {
  const [model] = useState(() => createModel(survey, initialData, initialPage));
  const autosave = useAutosave(saveUrl);
  const submitter = useFetcher<{ problem?: Problem }>();
  const submitRef = useRef(submitter.submit);
  submitRef.current = submitter.submit;
  const submitting = useRef(false);
  const problemRef = useRef<HTMLDivElement>(null);
  const problem = submitter.state === "idle" ? submitter.data?.problem : undefined;

  useEffect(() => {
    const snapshot = () => ({ answers: fromSurveyData(layout, model.data), page: model.currentPageNo });
    const onValueChanged = () => autosave.schedule(snapshot());
    const onPageChanged = () => autosave.saveNow(snapshot());
    const onCompleting = (_: SurveyModel, options: { allow: boolean }) => {
      // The server decides: the survey only completes once the answers are stored.
      options.allow = false;
      if (submitting.current) return;
      submitting.current = true;
      autosave.stop();
      // SurveyJS data is plain JSON (numbers, strings, objects of numbers); submit() wants that said in its type.
      const answers = fromSurveyData(layout, model.data) as Record<string, string | number | Record<string, number>>;
      submitRef.current({ answers }, { method: "post", action: submitUrl, encType: "application/json" });
    };
    model.onValueChanged.add(onValueChanged);
    model.onCurrentPageChanged.add(onPageChanged);
    model.onCompleting.add(onCompleting);
    return () => {
      model.onValueChanged.remove(onValueChanged);
      model.onCurrentPageChanged.remove(onPageChanged);
      model.onCompleting.remove(onCompleting);
    };
  }, [model, layout, submitUrl, autosave.schedule, autosave.saveNow, autosave.stop]);

  useEffect(() => {
    if (submitter.state !== "idle" || !submitter.data?.problem) return;
    // A refused submit: let the respondent correct and try again, and keep saving meanwhile.
    submitting.current = false;
    autosave.resume();
    problemRef.current?.focus();
  }, [submitter.state, submitter.data, autosave.resume]);

  return (
    <div className="mg-survey">
      <SaveStatus status={autosave.status} submitting={submitter.state !== "idle"} />
      {problem ? (
        <div className="alert" role="alert" tabIndex={-1} ref={problemRef}>
          <strong>{problem.title}.</strong> Please check these answers and submit again:
          <ul>
            {problem.message.split("\n").map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Survey model={model} />
    </div>
  );
}

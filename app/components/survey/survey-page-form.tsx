import type { PageView } from "~/domain/survey/view";
import { SurveyElements } from "./survey-elements";

export interface SurveyFormTarget {
  /** Where the page posts (the post is the save). */
  action: string;
  /** The enhancement script's background saves; none in a preview. */
  saveUrl: string | null;
  revision: number;
  /** Extra hidden fields (a preview carries its answers in them). */
  hidden?: Record<string, string>;
}

function HiddenFields({ page, target }: { page: number; target: SurveyFormTarget }) {
  return (
    <>
      <input type="hidden" name="_page" value={page} />
      <input type="hidden" name="_revision" value={target.revision} />
      {Object.entries(target.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function ErrorSummary({ problems }: { problems: PageView["problems"] }) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-focus-on-load>
      <h2 id="error-summary-title">{problems.length === 1 ? "One answer needs your attention" : `${problems.length} answers need your attention`}</h2>
      <ul>
        {problems.map((problem, n) => (
          <li key={n}>
            <a href={`#${problem.target}`}>{problem.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One survey page as a real form that works without JavaScript: Next, Back
 * and Submit post the page, which saves it and moves on. The enhancement
 * script only adds to it (live counters, saving while typing, focus).
 */
export function SurveyPageForm({ view, target, notice }: { view: PageView; target: SurveyFormTarget; notice?: string | null }) {
  const problems = view.problems;
  return (
    <form method="post" action={target.action} noValidate className="survey-form" data-survey-form="" data-save-url={target.saveUrl ?? undefined}>
      <HiddenFields page={view.index} target={target} />
      <h1 id="page-heading" tabIndex={-1} data-focus-on-load={problems.length === 0 ? "" : undefined}>
        <span className="page-progress">
          Page {view.position} of {view.count}
          <span className="visually-hidden">: </span>
        </span>{" "}
        <span className="page-title">{view.title}</span>
      </h1>
      {notice ? <p className="notice">{notice}</p> : null}
      {problems.length > 0 ? <ErrorSummary problems={problems} /> : null}
      {view.description ? <p className="lead">{view.description}</p> : null}
      <SurveyElements elements={view.elements} />
      <div className="survey-actions">
        {/* The first submit button is what Enter in a text box presses: it must go forward, never back. */}
        <button type="submit" name="_intent" value={view.last ? "submit" : "next"} className="button">
          {view.last ? view.buttons.submit : view.buttons.next}
        </button>
        {view.first ? null : (
          <button type="submit" name="_intent" value="back" className="button button--secondary">
            {view.buttons.back}
          </button>
        )}
      </div>
      <p className="save-note" data-save-status="">
        Your answers on this page are saved when you press “{view.last ? view.buttons.submit : view.buttons.next}”{view.first ? "" : ` or “${view.buttons.back}”`}.
      </p>
    </form>
  );
}

export interface SkippedScreen {
  page: number;
  headline: string;
  consequence: string;
  pages: { index: number; title: string; count: number }[];
}

/** Asked on the server before a submission with skipped statements, so it holds without JavaScript too. */
export function SkippedConfirmation({ screen, target }: { screen: SkippedScreen; target: SurveyFormTarget }) {
  return (
    <form method="post" action={target.action} noValidate className="survey-form" data-survey-form="">
      <HiddenFields page={screen.page} target={target} />
      <h1 id="page-heading" tabIndex={-1} data-focus-on-load="">
        Before you submit
      </h1>
      <p className="lead">{screen.headline}</p>
      <p>{screen.consequence}</p>
      <ul className="plain">
        {screen.pages.map((page) => (
          <li key={page.index}>
            {page.title}: {page.count} skipped
          </li>
        ))}
      </ul>
      <div className="survey-actions">
        <button type="submit" name="_intent" value="review" className="button">
          Go back and answer them
        </button>
        <button type="submit" name="_intent" value="confirm" className="button button--secondary">
          Submit anyway
        </button>
      </div>
    </form>
  );
}

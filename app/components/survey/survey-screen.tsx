import type { PageView } from "~/domain/survey/view";
import { SkippedConfirmation, SurveyPageForm, type SkippedScreen, type SurveyFormTarget } from "./survey-page-form";

/** What a survey address shows: a page of questions (perhaps with what is wrong), or the question before submitting with gaps. */
export type SurveyScreen = { kind: "page"; view: PageView; notice: string | null } | { kind: "skipped"; screen: SkippedScreen };

/** The title of a survey screen: "Page 3 of 7: Practices: what we do". */
export function screenTitle(screen: SurveyScreen): string {
  if (screen.kind === "skipped") return "Before you submit";
  const { view } = screen;
  return `Page ${view.position} of ${view.count}: ${view.title}`;
}

export function SurveyScreenView({ screen, target }: { screen: SurveyScreen; target: SurveyFormTarget }) {
  return screen.kind === "skipped" ? (
    <SkippedConfirmation screen={screen.screen} target={target} />
  ) : (
    <SurveyPageForm view={screen.view} target={target} notice={screen.notice} />
  );
}

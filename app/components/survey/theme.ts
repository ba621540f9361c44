import type { ITheme } from "survey-core";

/** SurveyJS in ModelGap's colours and system fonts (nothing loads from the internet). */
export const surveyTheme: ITheme = {
  themeName: "default",
  colorPalette: "light",
  isPanelless: false,
  cssVariables: {
    "--sjs2-color-project-brand-600": "#1f3a5f",
    "--sjs2-typography-font-family-text": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    "--sjs2-color-utility-body": "#f4f6f9",
  },
};

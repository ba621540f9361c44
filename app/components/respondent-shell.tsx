import type { ReactNode } from "react";
// Bundled on its own (a few kilobytes, no React): the respondent pages' only script. See ./survey/enhance.ts.
import enhanceScript from "./survey/enhance.ts?worker&url";

export interface PreviewBanner {
  level: string;
  /** Where staff go back to. */
  roundUrl: string;
}

/**
 * The respondent's frame: the organisation's name, one readable column,
 * nothing to sign in to. Respondent pages are plain HTML forms; the one
 * small script only enhances them.
 */
export function RespondentShell({ organisation, children, preview }: { organisation: string; children: ReactNode; preview?: PreviewBanner }) {
  return (
    <>
      {preview ? (
        <div className="preview-banner" role="note" aria-label="Preview">
          <p>
            <strong>Preview</strong> of the survey as the {preview.level} level sees it. Nothing you enter is stored or counted.{" "}
            <a href={preview.roundUrl}>Back to the round</a>
          </p>
        </div>
      ) : null}
      <header className="respondent-header">
        <div className="respondent-header__inner">
          <span className="respondent-header__org">{organisation}</span>
          <span className="respondent-header__product">Customer management survey</span>
        </div>
      </header>
      <main id="main" className="page page--narrow">
        {children}
      </main>
      <script type="module" src={enhanceScript} />
    </>
  );
}

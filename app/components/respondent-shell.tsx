import type { ReactNode } from "react";

/** The respondent's frame: the organisation's name, one readable column, nothing to sign in to. */
export function RespondentShell({ organisation, children, wide = false }: { organisation: string; children: ReactNode; wide?: boolean }) {
  return (
    <>
      <header className="respondent-header">
        <div className="respondent-header__inner">
          <span className="respondent-header__org">{organisation}</span>
          <span className="respondent-header__product">Customer management survey</span>
        </div>
      </header>
      <main id="main" className={wide ? "page page--survey" : "page page--narrow"}>
        {children}
      </main>
    </>
  );
}

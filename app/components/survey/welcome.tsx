export interface WelcomeData {
  /** Staff answer as a level; customers answer as customers, with words of their own. */
  audience: "staff" | "customers";
  organisation: string;
  roundName: string;
  welcomeNote: string;
  level: string;
  personal: boolean;
  minutes: number;
  intro: string;
  minGroupSize: number;
  /** new: nothing begun in this browser; draft: this browser's answers are saved; elsewhere: a personal link begun in another browser. */
  state: "new" | "draft" | "elsewhere";
}

function StartForm({ action, intent, label, secondary = false, hidden = {} }: { action: string; intent: string; label: string; secondary?: boolean; hidden?: Record<string, string> }) {
  return (
    <form method="post" action={action} className="actions start-form" data-start-form="">
      <input type="hidden" name="_intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? "button button--secondary" : "button"} data-busy="Opening…">
        {label}
      </button>
    </form>
  );
}

/**
 * The welcome page: who runs the survey, who you answer as, and the Start
 * button within the first screen of a phone; then what is asked and how
 * answers stay anonymous.
 */
export function Welcome({ data, action, hidden }: { data: WelcomeData; action: string; hidden?: Record<string, string> }) {
  const customer = data.audience === "customers";
  return (
    <div className="card welcome">
      <h1>{customer ? `What is it like to be a customer of ${data.organisation}?` : `How does ${data.organisation} manage its customers?`}</h1>
      <dl className="facts">
        <dt>You are answering as</dt>
        <dd>
          {customer ? (
            <>
              <strong>a customer</strong> of {data.organisation}. You do not need an account, and we do not ask your name.
            </>
          ) : (
            <>
              <strong>{data.level}</strong>. If that is wrong, contact the person who sent you this link before you start.
            </>
          )}
        </dd>
        <dt>Time</dt>
        <dd>About {data.minutes} minutes. Your answers are saved on every page.</dd>
      </dl>
      {data.state === "elsewhere" ? (
        <div className="notice" role="region" aria-labelledby="elsewhere-title">
          <h2 id="elsewhere-title">You started this survey on another device</h2>
          <p>
            Answers saved from this link belong to the browser they were started in, and are never shown anywhere else. To continue them, open this
            link on that device. Or start again here: the answers saved on the other device are then discarded.
          </p>
          <StartForm action={action} intent="restart" label="Start again here" hidden={hidden} />
        </div>
      ) : (
        <StartForm action={action} intent="start" label={data.state === "draft" ? "Continue where you left off" : "Start the survey"} hidden={hidden} />
      )}
      <p className="lead">{data.intro}</p>
      {data.welcomeNote ? (
        <blockquote className="note" aria-label="A note from the people running this survey">
          {data.welcomeNote}
        </blockquote>
      ) : null}
      <p>
        Run by {data.organisation}, as part of “{data.roundName}”.
      </p>
      <h2>How your answers stay anonymous</h2>
      <ul className="plain">
        {customer ? (
          <li>
            Results are only ever shown for groups. Customers’ results appear only once at least <strong>{data.minGroupSize} customers</strong> have
            answered; until then they are listed by their number of answers alone.
          </li>
        ) : (
          <li>
            Results are only ever shown for groups. A level’s results appear only once at least <strong>{data.minGroupSize} people</strong> at that level
            have answered; until then it is listed by its number of answers alone.
          </li>
        )}
        <li>Nobody sees one person’s answers: reports, exports and files show group figures only, never anything per person.</li>
        {data.personal ? (
          <li>
            Your personal link tells the organisers only <em>whether</em> you have answered, so that they can send reminders. Once you submit, your answers
            keep no link to your name or email, and your unfinished answers stay in this browser’s keeping.
          </li>
        ) : (
          <li>We do not ask your name. A cookie in this browser remembers your unfinished answers so you can come back to them.</li>
        )}
        <li>Comments you write are shown without your name, in random order, and only for groups large enough to report.</li>
      </ul>
      <p>You can leave at any time and come back to this link in the same browser to finish.</p>
    </div>
  );
}

import fc from "fast-check";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";

/** Four whole numbers summing to 100, keyed by model (zeros sometimes left out, as SurveyJS does). */
export const allocation = fc
  .tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.boolean())
  .map(([a, b, c, dropZeros]) => {
    const [x, y, z] = [a, b, c].sort((p, q) => p - q);
    const points = [x!, y! - x!, z! - y!, 100 - z!];
    const entries = instrument.modelIds.map((id, i) => [id, points[i]!] as const).filter(([, p]) => !(dropZeros && p === 0));
    return Object.fromEntries(entries) as Record<string, number>;
  });

const itemAnswer = fc.oneof(fc.integer({ min: instrument.scale.min, max: instrument.scale.max }), fc.constant(instrument.scale.dontKnow));

/** A valid answers object: both allocations, any subset of items, any valid context. */
export const validAnswers = fc
  .record({
    now: allocation,
    desired: allocation,
    items: fc.subarray(instrument.items.map((i) => i.name)).chain((names) => fc.tuple(...names.map(() => itemAnswer)).map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]])))),
    tenure: fc.option(fc.constantFrom("lt1", "1to3", "3to10", "10plus"), { nil: undefined }),
    view: fc.option(fc.string({ maxLength: 500 }), { nil: undefined }),
  })
  .map(({ now, desired, items, tenure, view }): Record<string, unknown> => ({
    [instrument.explicit.now]: now,
    [instrument.explicit.desired]: desired,
    ...items,
    ...(tenure ? { ctx_tenure: tenure } : {}),
    ...(view !== undefined ? { ctx_customer_view: view } : {}),
  }));

const anyKey = fc.oneof(fc.constantFrom(...instrument.items.map((i) => i.name), instrument.explicit.now, "ctx_tenure", "__proto__", "constructor"), fc.string());

/** Valid answers with one thing broken, or something else entirely. */
export const hostileAnswers: fc.Arbitrary<unknown> = fc.oneof(
  validAnswers,
  fc.tuple(validAnswers, anyKey, fc.anything()).map(([answers, key, value]) => ({ ...answers, [key]: value })),
  fc.tuple(validAnswers, fc.constantFrom(instrument.explicit.now, instrument.explicit.desired)).map(([answers, key]) => {
    const copy: Record<string, unknown> = { ...answers };
    delete copy[key];
    return copy;
  }),
  fc.tuple(validAnswers, fc.constantFrom(...instrument.modelIds), fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null))).map(([answers, model, value]) => ({
    ...answers,
    [instrument.explicit.now]: { ...(answers[instrument.explicit.now] as object), [model]: value },
  })),
  fc.anything(),
  fc.jsonValue(),
);

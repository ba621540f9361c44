import type { Answers } from "./answers";
import { scoreCustomerResponse, type CustomerScores } from "./customer-scoring";
import type { Questionnaire } from "./instruments";
import { scoreResponse, type ResponseScores } from "./scoring";

/** What a submitted response stores beside its answers: a staff member's profiles, or a customer's. */
export type StoredScores = ResponseScores | CustomerScores;

/** Scores validated answers with the questionnaire they answer. */
export function scoreAnswers(questionnaire: Questionnaire, answers: Answers): StoredScores {
  return questionnaire.perspective === "customers" ? scoreCustomerResponse(questionnaire, answers) : scoreResponse(questionnaire, answers);
}

// Limits of the questions board, shared by the forms in the browser and the server checks.
export const MAX_QUESTION_TEXT = 500;
export const MAX_ANSWER = 1000;

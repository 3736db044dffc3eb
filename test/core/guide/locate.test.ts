import { describe, expect, it } from 'vitest';
import { ASKED_SCORE, locateQuestions } from '../../../src/core/guide/locate.js';
import { questionList } from '../../../src/core/guide/questionList.js';

// From the thesis' guide (Bilaga 3): most questions share "du", "hur", "på".
const questions = [
  { id: 'q1', text: 'Kan du presentera dig själv?' },
  { id: 'q2', text: 'Vilka strategier använder verksamheten för att motverka boendesegregation?' },
  { id: 'q3', text: 'Hur ser du på mediernas påverkan?' },
  { id: 'q4', text: 'Hur ser du på målet kring områdesbaserade insatser?' },
  { id: 'q5', text: 'Hur får du tillgång till riktlinjer?' },
  { id: 'q6', text: 'Hur skulle du säga att du tillämpar riktlinjerna?' },
];

describe('locating guide questions in the interviewer’s turns', () => {
  it('finds each question in the turn that asks it, reworded and inflected, and none that was not asked', () => {
    const turns = [
      { id: 't1', text: 'I: Välkommen! Kan du börja med att presentera dig själv lite?' },
      { id: 't2', text: 'I: Vilken strategi använder ni i verksamheten mot boendesegregationen?' },
      { id: 't3', text: 'I: Och hur ser du på det?' },
    ];
    const [q1, q2, q3] = locateQuestions(questions, turns, 'sv');
    expect(q1).toMatchObject({ turnId: 't1', score: 1 });
    expect(q2?.turnId).toBe('t2');
    expect(q2?.score).toBeGreaterThanOrEqual(ASKED_SCORE);
    // "hur ser du på" alone, the words every question shares, is not the media question.
    expect(q3?.score).toBeLessThan(ASKED_SCORE);
  });

  it('weighs a word by how rare it is among the questions, and takes the earlier turn on a tie', () => {
    const turns = [
      { id: 'a', text: 'I: Kan du?' },
      { id: 'b', text: 'I: mediernas påverkan' },
      { id: 'c', text: 'I: mediernas påverkan igen' },
    ];
    const q3 = locateQuestions(questions, turns, 'sv')[2];
    expect(q3?.turnId).toBe('b');
    expect(q3?.score).toBeGreaterThanOrEqual(ASKED_SCORE);
  });

  it('has no place for a question when no turn shares a word with it', () => {
    expect(locateQuestions(questions, [{ id: 't', text: 'Ja.' }], 'sv')[0]).toEqual({ questionId: 'q1', turnId: null, score: 0 });
  });
});

describe('a guide written as a list', () => {
  it('takes one question a line, without bullets, numbers or blank lines', () => {
    expect(questionList('● Kan du presentera dig?\n\n2. Beskriv  en dag?\r\n- Tycker du att du kan göra nytta ?\n')).toEqual([
      'Kan du presentera dig?',
      'Beskriv en dag?',
      'Tycker du att du kan göra nytta ?',
    ]);
  });
});

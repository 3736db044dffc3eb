import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeColor } from '../codeColors.js';
import type { SmartCode } from '../codingQueryApi.js';
import { useProject } from '../project.js';
import {
  add,
  type BinaryOperator,
  type Builder,
  canAdd,
  expects,
  type FollowCondition,
  group,
  readExpression,
  remove,
  type Token,
  writeExpression,
} from './expression.js';
import { readingOf } from './reading.js';

/** The builder's state: the expression text and the tokens it reads as (both kept in step). */
export interface QueryDraft {
  text: string;
  builder: Builder;
}

export const EMPTY_DRAFT: QueryDraft = { text: '', builder: { tokens: [], pending: [] } };

/** A draft from typed text: the chips follow what the text reads as (none while a quote is open). */
export function draftOfText(text: string): QueryDraft {
  const read = readExpression(text);
  return { text, builder: { tokens: 'tokens' in read ? read.tokens : [], pending: [] } };
}

const draftOf = (builder: Builder): QueryDraft => ({ text: writeExpression(builder.tokens), builder });

/** The operators offered, each with the key of its plain-language meaning. */
type OperatorChoice =
  | { id: Lowercase<BinaryOperator>; token: Token }
  | { id: 'not'; token: Token }
  | { id: 'followedWords' | 'followedTurn'; token: Token }
  | { id: 'near'; token: Token };

/**
 * The visual coding query builder: codes (with their colours) and smart codes to pick, operator
 * buttons each with what it means in plain words, brackets, the chips of the expression so far,
 * and the expression as editable text with the server's syntax error under it. Buttons that
 * cannot come next are disabled (after a code an operator, after an operator a code).
 */
export function QueryBuilder({
  draft,
  onChange,
  smartCodes,
  error,
}: {
  draft: QueryDraft;
  onChange(draft: QueryDraft): void;
  smartCodes: readonly SmartCode[];
  /** The server's one-line syntax error, shown under the field. */
  error: string | null;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const [words, setWords] = useState(5);
  const [find, setFind] = useState('');
  const ids = { text: useId(), error: useId(), reading: useId(), words: useId(), find: useId(), next: useId() };
  const { tokens } = draft.builder;
  const next = expects(tokens);
  const n = Math.max(0, Math.round(words));
  const reading = useMemo(() => readingOf(draft.text, t), [draft.text, t]);
  const push = (token: Token, condition?: FollowCondition) => onChange(draftOf(add(draft.builder, token, condition)));

  const operators: (OperatorChoice & { condition?: FollowCondition; label: string })[] = [
    ...(['AND', 'OR', 'OVERLAPS', 'WITHIN', 'ENCLOSES'] as const).map((op) => ({
      id: op.toLowerCase() as Lowercase<BinaryOperator>,
      token: { kind: 'op', op } as Token,
      label: op,
    })),
    {
      id: 'followedWords',
      token: { kind: 'followedBy' },
      condition: { kind: 'withinWords', words: n },
      label: `FOLLOWED BY … WITHIN ${n} WORDS`,
    },
    { id: 'followedTurn', token: { kind: 'followedBy' }, condition: { kind: 'sameTurn' }, label: 'FOLLOWED BY … IN SAME TURN' },
    { id: 'near', token: { kind: 'near', words: n }, label: `NEAR ${n}` },
  ];
  const wanted = find.trim().toLowerCase();
  const codes = data.flat.filter((f) => !wanted || f.node.name.toLowerCase().includes(wanted));
  const smart = smartCodes.filter((s) => !wanted || s.name.toLowerCase().includes(wanted));

  return (
    <div className="query-builder">
      <div className="builder-columns">
        <fieldset className="builder-codes">
          <legend>{t('codingQuery.builder.codes')}</legend>
          <label htmlFor={ids.find}>
            {t('codingQuery.builder.find')}
            <input
              id={ids.find}
              type="search"
              value={find}
              aria-describedby={`${ids.find}-hint`}
              onChange={(e) => setFind(e.target.value)}
              onKeyDown={(e) => {
                // Enter adds the first code found (rather than running the query half-built).
                if (e.key !== 'Enter') return;
                e.preventDefault();
                const first = codes[0];
                if (first && canAdd(tokens, { kind: 'code', name: first.node.name })) {
                  push({ kind: 'code', name: first.node.name });
                  setFind('');
                }
              }}
            />
          </label>
          <p id={`${ids.find}-hint`} className="small muted">
            {t('codingQuery.builder.findHint')}
          </p>
          <ul
            className="code-buttons"
            aria-label={t('codingQuery.builder.codeList')}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the list scrolls, and while an operator is due all its buttons are disabled
            tabIndex={0}
          >
            {codes.map((f) => (
              <li key={f.node.id} style={{ paddingInlineStart: `${f.depth * 0.9}rem` }}>
                <button
                  type="button"
                  disabled={!canAdd(tokens, { kind: 'code', name: f.node.name })}
                  aria-describedby={ids.next}
                  onClick={() => push({ kind: 'code', name: f.node.name })}
                >
                  <span className="swatch" style={{ background: codeColor(data.flat, f.node.id) }} aria-hidden="true" />
                  {f.node.name}
                </button>
              </li>
            ))}
          </ul>
          {smart.length > 0 && (
            <>
              <p id={`${ids.find}-smart`} className="small">
                {t('codingQuery.smart.heading')}
              </p>
              <ul
                className="code-buttons"
                aria-labelledby={`${ids.find}-smart`}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: as the codes above, a scrolling list reachable by keyboard
                tabIndex={0}
              >
                {smart.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      disabled={!canAdd(tokens, { kind: 'smart', name: s.name })}
                      aria-describedby={ids.next}
                      onClick={() => push({ kind: 'smart', name: s.name })}
                    >
                      <span className="smart-icon" aria-hidden="true">
                        ƒ
                      </span>
                      {s.name}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </fieldset>
        <fieldset className="builder-operators">
          <legend>{t('codingQuery.builder.operators')}</legend>
          <label htmlFor={ids.words} className="inline">
            {t('codingQuery.builder.words')}
            <input
              id={ids.words}
              type="number"
              min={0}
              max={1000}
              value={words}
              onChange={(e) => setWords(Number(e.target.value) || 0)}
            />
          </label>
          <dl className="operator-list">
            {operators.map((o) => (
              <div key={o.id}>
                <dt>
                  <button
                    type="button"
                    className="chip-button"
                    disabled={!canAdd(tokens, o.token)}
                    aria-describedby={`${ids.next}-${o.id}`}
                    onClick={() => push(o.token, o.condition)}
                  >
                    {o.label}
                  </button>
                </dt>
                <dd id={`${ids.next}-${o.id}`} className="small muted">
                  {t(`codingQuery.operators.${o.id}`, { n })}
                </dd>
              </div>
            ))}
            <div>
              <dt>
                <button
                  type="button"
                  className="chip-button"
                  disabled={!canAdd(tokens, { kind: 'not' })}
                  aria-describedby={`${ids.next}-not`}
                  onClick={() => push({ kind: 'not' })}
                >
                  NOT
                </button>
              </dt>
              <dd id={`${ids.next}-not`} className="small muted">
                {t('codingQuery.operators.not')}
              </dd>
            </div>
          </dl>
          <fieldset className="row bracket-tools">
            <legend className="sr-only">{t('codingQuery.builder.brackets')}</legend>
            <button type="button" disabled={!canAdd(tokens, { kind: 'open' })} onClick={() => push({ kind: 'open' })}>
              (
            </button>
            <button type="button" disabled={!canAdd(tokens, { kind: 'close' })} onClick={() => push({ kind: 'close' })}>
              )
            </button>
            <button type="button" disabled={tokens.length === 0} onClick={() => onChange(draftOf(group(draft.builder)))}>
              {t('codingQuery.builder.groupAll')}
            </button>
            <button type="button" disabled={tokens.length === 0} onClick={() => onChange(draftOf(remove(draft.builder)))}>
              {t('codingQuery.builder.removeLast')}
            </button>
            <button type="button" disabled={draft.text === ''} onClick={() => onChange(EMPTY_DRAFT)}>
              {t('codingQuery.builder.clear')}
            </button>
          </fieldset>
        </fieldset>
      </div>
      <p id={ids.next} className="small muted" aria-live="polite">
        {t(`codingQuery.builder.next.${next}`)}
      </p>
      {tokens.length > 0 && (
        <ul className="query-chips" aria-label={t('codingQuery.builder.chips')}>
          {tokens.map((token, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a token's place is its identity (the same code may come twice)
            <li key={i}>
              <button
                type="button"
                className={`query-chip chip-${token.kind}`}
                aria-label={t('codingQuery.builder.removeChip', { token: writeExpression([token]) })}
                onClick={() => onChange(draftOf(remove(draft.builder, i)))}
              >
                {token.kind === 'code' && (
                  <span className="swatch" style={{ background: chipColor(data, token.name) }} aria-hidden="true" />
                )}
                {writeExpression([token])} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={ids.text} className="grow">
        {t('codingQuery.builder.expression')}
        <input
          id={ids.text}
          className="wide query-text"
          value={draft.text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : reading ? ids.reading : undefined}
          placeholder={t('codingQuery.builder.placeholder')}
          onChange={(e) => onChange(draftOfText(e.target.value))}
        />
      </label>
      {reading && !error && (
        <p id={ids.reading} className="small query-reading" data-testid="query-reading">
          <strong>{t('codingQuery.reading.label')}:</strong> {reading}
        </p>
      )}
      {error && (
        <p id={ids.error} className="field-error" role="alert" data-testid="query-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The colour of a code named in a chip (by name, without case), grey for one the codebook lacks. */
function chipColor(data: ReturnType<typeof useProject>, name: string): string {
  const found = data.flat.find((f) => f.node.name.toLowerCase() === name.toLowerCase());
  return found ? codeColor(data.flat, found.node.id) : '#888888';
}

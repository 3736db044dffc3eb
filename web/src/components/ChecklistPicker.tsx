/**
 * A folded list of checkboxes that narrows a query ("Sources: all" / "Sources: 2 chosen"):
 * nothing ticked means everything.
 */
export interface ChecklistItem {
  id: string;
  label: string;
  /** Indentation level, for trees such as the codebook. */
  depth?: number;
  /** A code's colour, shown as a swatch. */
  color?: string;
}

export function ChecklistPicker(props: {
  legend: string;
  /** The summary when nothing is ticked, and when `count` items are. */
  all: string;
  chosen: (count: number) => string;
  items: readonly ChecklistItem[];
  selected: ReadonlySet<string> | readonly string[];
  onToggle: (id: string, checked: boolean) => void;
}) {
  const has = (id: string) => ('has' in props.selected ? props.selected.has(id) : props.selected.includes(id));
  const count = 'size' in props.selected ? props.selected.size : props.selected.length;
  return (
    <details className="code-picker">
      <summary>
        {props.legend}: {count === 0 ? props.all : props.chosen(count)}
      </summary>
      <fieldset className="checks">
        <legend className="sr-only">{props.legend}</legend>
        {props.items.map((item) => (
          <label key={item.id} className="check" style={item.depth ? { paddingLeft: `${item.depth * 1.1}rem` } : undefined}>
            <input type="checkbox" checked={has(item.id)} onChange={(e) => props.onToggle(item.id, e.target.checked)} />
            {item.color && <span className="swatch" style={{ background: item.color }} aria-hidden="true" />}
            {item.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

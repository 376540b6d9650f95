// A comment field with @mention suggestions: typing "@" and the start of a name opens a listbox
// of the group's people (arrow keys move, Enter or Tab picks, Escape closes). The textarea stays
// a textbox (aria-autocomplete, aria-controls, aria-activedescendant), as ARIA allows for it.
import { type Ref, useId, useImperativeHandle, useRef, useState } from "react";
import { useT } from "~/i18n";

export type MentionPerson = { id: string; name: string };

const MAX_SUGGESTIONS = 6;

/** The "@query" right before the caret, if any. */
function queryBefore(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^@\n]{0,40})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

export function MentionTextarea({
  id,
  name,
  people,
  invalid,
  describedBy,
  autoFocus,
  defaultValue,
  textareaRef,
  rows = 3,
}: {
  id: string;
  name: string;
  people: readonly MentionPerson[];
  invalid?: boolean;
  describedBy?: string;
  autoFocus?: boolean;
  defaultValue?: string;
  textareaRef?: Ref<HTMLTextAreaElement>;
  rows?: number;
}) {
  const t = useT();
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(textareaRef, () => ref.current as HTMLTextAreaElement);
  const [suggestions, setSuggestions] = useState<MentionPerson[]>([]);
  const [active, setActive] = useState(0);
  const [at, setAt] = useState<{ start: number; end: number } | null>(null);

  const close = () => {
    setSuggestions([]);
    setAt(null);
  };

  const update = () => {
    const field = ref.current;
    if (!field) return;
    const found = queryBefore(field.value, field.selectionStart);
    if (!found) return close();
    const query = found.query.toLocaleLowerCase("nl").trimStart();
    const matches = people
      .filter((p) => {
        const name = p.name.toLocaleLowerCase("nl");
        return name.startsWith(query) && name !== query;
      })
      .slice(0, MAX_SUGGESTIONS);
    if (matches.length === 0) return close();
    setSuggestions(matches);
    setActive((a) => Math.min(a, matches.length - 1));
    setAt({ start: found.start, end: field.selectionStart });
  };

  const pick = (person: MentionPerson) => {
    const field = ref.current;
    if (!field || !at) return;
    field.setRangeText(`@${person.name} `, at.start, at.end, "end");
    field.focus();
    close();
  };

  const open = suggestions.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="mention-field">
      <textarea
        ref={ref}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        // biome-ignore lint/a11y/noAutofocus: the field the person just asked for (new comment)
        autoFocus={autoFocus}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onInput={update}
        onClick={update}
        onBlur={close}
        onKeyDown={(event) => {
          if (!open) return;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((a) => (a + step + suggestions.length) % suggestions.length);
          } else if (event.key === "Enter" || event.key === "Tab") {
            const person = suggestions[active];
            if (!person) return;
            event.preventDefault();
            pick(person);
          } else if (event.key === "Escape") {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
      />
      {open ? (
        <div
          id={listId}
          role="listbox"
          className="mention-list"
          aria-label={t("comments.mentionListLabel")}
        >
          {suggestions.map((person, index) => (
            <div
              key={person.id}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={index === active ? "mention-option active" : "mention-option"}
              // Keeps the focus in the textarea (a click would blur it and close the list).
              onMouseDown={(event) => {
                event.preventDefault();
                pick(person);
              }}
            >
              {person.name}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

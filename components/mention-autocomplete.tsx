"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type TextareaHTMLAttributes } from "react";
import { insertMention, mentionBeingTyped } from "@/lib/mention-typing";
import "./mention-autocomplete.css";

type Suggestion = { id: string; name: string; handle: string; participant: boolean };
type Open = { start: number; prefix: string; items: Suggestion[]; active: number };

const DEBOUNCE_MS = 120;

/**
 * A comment's text box that offers members' names after "@" (the thread's participants first, from
 * app/api/mentions): arrows move, Enter or Tab chooses, Escape closes; a click chooses too. Without JavaScript it
 * is the plain text box, and a typed @handle works the same.
 */
export function MentionTextarea({ threadId, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { threadId?: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const request = useRef<{ timer?: ReturnType<typeof setTimeout>; abort?: AbortController }>({});
  const listId = `${useId()}-mentions`;

  useEffect(() => {
    const pending = request.current;
    return () => {
      clearTimeout(pending.timer);
      pending.abort?.abort();
    };
  }, []);

  function lookUp() {
    const box = ref.current;
    const pending = request.current;
    clearTimeout(pending.timer);
    pending.abort?.abort();
    const typing = box && box.selectionStart === box.selectionEnd ? mentionBeingTyped(box.value, box.selectionStart) : null;
    if (!typing || typing.prefix === "") {
      setOpen(null);
      return;
    }
    pending.timer = setTimeout(async () => {
      const abort = new AbortController();
      pending.abort = abort;
      const query = new URLSearchParams({ q: typing.prefix, ...(threadId ? { thread: threadId } : {}) });
      try {
        const response = await fetch(`/api/mentions?${query}`, { signal: abort.signal, headers: { accept: "application/json" } });
        if (!response.ok) return setOpen(null);
        const { members } = (await response.json()) as { members: Suggestion[] };
        setOpen(members.length > 0 ? { start: typing.start, prefix: typing.prefix, items: members, active: 0 } : null);
      } catch {
        // Aborted by the next keystroke, or offline: no suggestions, the text box works as ever.
      }
    }, DEBOUNCE_MS);
  }

  function choose(item: Suggestion) {
    const box = ref.current;
    if (!box || !open) return;
    const next = insertMention(box.value, open.start, box.selectionStart, item.name);
    box.value = next.text;
    box.setSelectionRange(next.caret, next.caret);
    box.focus();
    setOpen(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    props.onKeyDown?.(event);
    if (!open || event.defaultPrevented) return;
    const count = open.items.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen({ ...open, active: (open.active + (event.key === "ArrowDown" ? 1 : count - 1)) % count });
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      event.preventDefault();
      choose(open.items[open.active]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setOpen(null);
    }
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="mention-field">
      <textarea
        {...props}
        ref={ref}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(open.active) : undefined}
        onInput={(event) => {
          props.onInput?.(event);
          lookUp();
        }}
        onClick={lookUp}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          props.onBlur?.(event);
          setOpen(null);
        }}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Members to mention" className="mention-suggestions">
          {open.items.map((item, index) => (
            <li
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === open.active}
              // Keep the text box focused (and the caret where it was) while a name is clicked.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(item)}
            >
              <span className="mention-name">{item.name}</span>
              {item.participant && <span className="mention-where">in this thread</span>}
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {open
          ? `${open.items.length} ${open.items.length === 1 ? "member matches" : "members match"} @${open.prefix}: up and down arrows to pick, Enter to choose.`
          : ""}
      </p>
    </div>
  );
}

// The browser side of a community's live stream (routes/communities.$slug_.live.ts): an
// EventSource that reloads the page's loader data when an event arrives, and after a reconnect
// (events sent while the connection was down were missed). EventSource reconnects by itself.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";

export type LiveState = "connecting" | "open" | "closed";

/**
 * Follows `/communities/<slug>/live`. Several events in quick succession cause one reload.
 * `onEvent` hears each topic (e.g. to announce what changed).
 */
export function useLiveEvents(slug: string, onEvent?: (topic: string) => void): LiveState {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const listener = useRef(onEvent);
  listener.current = onEvent;
  const [state, setState] = useState<LiveState>("connecting");

  useEffect(() => {
    const source = new EventSource(`/communities/${encodeURIComponent(slug)}/live`);
    let opened = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void revalidate.current(), 100);
    };
    source.onopen = () => {
      if (opened) reload();
      opened = true;
      setState("open");
    };
    source.onmessage = (event: MessageEvent<string>) => {
      listener.current?.(event.data);
      reload();
    };
    source.onerror = () => {
      // CLOSED: refused (signed out, no access, too many tabs); the browser does not retry.
      setState(source.readyState === EventSource.CLOSED ? "closed" : "connecting");
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [slug]);
  return state;
}

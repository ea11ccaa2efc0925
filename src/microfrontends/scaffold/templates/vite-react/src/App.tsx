import { useEffect, useState } from "react";
import type { AppConnection } from "./types";

export function App({ connection, greeting }: { connection: AppConnection; greeting?: string }) {
  const shared = connection.hasGlobalState;
  const [count, setCount] = useState(() => (shared ? connection.getGlobalState().count : 0));
  // Every change of the GlobalState, the app's own included; the unsubscribe runs on unmount.
  useEffect(() => (shared ? connection.subscribe((state) => setCount(state.count)) : undefined), [connection, shared]);

  const increment = () => {
    const next = count + 1;
    if (shared) connection.setGlobalState({ count: next });
    else setCount(next);
    connection.emit("clicked", { count: next });
  };

  return (
    <div className="app">
      <h2>{greeting ?? "__APP_NAME__"}</h2>
      <p>
        count: <output className="count">{count}</output>
      </p>
      <button className="increment" type="button" onClick={increment}>
        +1
      </button>
      <p className="note">
        {connection.hosted ? `hosted as "${connection.name}" (React)` : "on its own, with a stand-in for the host (React)"}
      </p>
    </div>
  );
}

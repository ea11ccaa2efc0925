import { useState } from "react";

export function Clicks() {
  const [clicks, setClicks] = useState(0);
  return (
    <button id="clicks" type="button" onClick={() => setClicks(clicks + 1)}>
      clicks {clicks}
    </button>
  );
}

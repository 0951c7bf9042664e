// The least a full-screen Ink program costs: a screen of static text and one counter redrawn 10
// times a second (alternate screen, only changed lines rewritten: Ink's own cheapest), `q` quits.
// The dashboard benchmark runs it beside simtop and htop: the floor that any dashboard drawn by
// Ink on this Node starts from (runtime, React, Ink, Yoga).
import { Box, render, Text, useApp, useInput } from "ink";
import { useEffect, useState } from "react";

const FILLER = Array.from(
  { length: 38 },
  (_, i) => `${String(i + 1).padStart(2)} ${"·".repeat(100)}`,
);

function Floor() {
  const [frame, setFrame] = useState(0);
  const { exit } = useApp();
  useInput((input) => {
    if (input === "q") exit();
  });
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => f + 1), 100);
    return () => clearInterval(timer);
  }, []);
  return (
    <Box flexDirection="column">
      <Text bold>frame {frame}</Text>
      {FILLER.map((l) => (
        <Text key={l}>{l}</Text>
      ))}
    </Box>
  );
}

render(<Floor />, {
  alternateScreen: true,
  incrementalRendering: true,
  exitOnCtrlC: true,
  patchConsole: false,
});

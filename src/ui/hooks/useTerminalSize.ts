// The terminal's size, followed on every resize (or a fixed size when one is given).
import { useStdout } from "ink";
import { useEffect, useState } from "react";

export interface TerminalSize {
  columns: number;
  rows: number;
}

export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  // Ink 8 types the stream as a plain WritableStream; the one it is given is a tty.WriteStream.
  const stdout = useStdout().stdout as NodeJS.WriteStream;
  const [size, setSize] = useState<TerminalSize>(() => ({
    columns: stdout.columns || 80,
    rows: stdout.rows || 24,
  }));
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout]);
  return fixed ?? size;
}

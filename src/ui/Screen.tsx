// The whole screen for one view model, in Ink boxes: pure, so the live App and the headless renderer draw the same.
import { Box } from "ink";
import { sideMenuLines } from "./draw/menu.js";
import { Help } from "./overlays/Help.js";
import { ProgramView } from "./overlays/ProgramView.js";
import { Schedule } from "./overlays/Schedule.js";
import { Setup } from "./overlays/Setup.js";
import { TooSmall } from "./overlays/TooSmall.js";
import { Caches } from "./panels/Caches.js";
import { Details } from "./panels/Details.js";
import { EventLog } from "./panels/EventLog.js";
import { Gantt } from "./panels/Gantt.js";
import { Header } from "./panels/Header.js";
import { KeyBar } from "./panels/KeyBar.js";
import { Lines, Rule } from "./panels/Lines.js";
import { Pipeline } from "./panels/Pipeline.js";
import { ProcessTable } from "./panels/ProcessTable.js";
import { Terminal } from "./panels/Terminal.js";
import { bodyRows, type DashboardView } from "./viewModel.js";

function SideMenu({ view }: { view: DashboardView }) {
  const m = view.layout?.menu;
  const lines = m ? sideMenuLines(view.overlay, m.width, m.height, view.theme) : null;
  if (!m || lines === null) return null;
  return (
    <>
      <Lines lines={lines} width={m.width} />
      <Rule height={m.height} theme={view.theme} />
    </>
  );
}

export function Screen({ view }: { view: DashboardView }) {
  const { layout: l, theme } = view;
  if (l === null) return <TooSmall columns={view.columns} rows={view.rows} theme={theme} />;
  const body = bodyRows(l);
  // The event log sits beside the pipeline, the Gantt chart or alone, depending on the size.
  const events = l.events && view.events && (
    <EventLog model={view.events} width={l.events.width} height={l.events.height} theme={theme} />
  );
  return (
    <Box flexDirection="column" width={l.width} height={l.height}>
      <Header model={view.header} width={l.width} theme={theme} />
      {view.overlay?.kind === "help" ? (
        <Help
          scroll={view.overlay.scroll}
          width={l.width}
          height={body}
          theme={theme}
          chapters={view.overlay.chapters}
          {...(view.overlay.bindings ? { bindings: view.overlay.bindings } : {})}
        />
      ) : view.overlay?.kind === "setup" ? (
        <Setup model={view.overlay.model} width={l.width} height={body} theme={theme} />
      ) : view.terminal && !l.details ? (
        <Terminal model={view.terminal} width={l.width} height={body} theme={theme} />
      ) : view.program ? (
        <ProgramView model={view.program} width={l.width} height={body} theme={theme} />
      ) : view.eventLogOpen && view.events ? (
        <EventLog model={view.events} width={l.width} height={body} theme={theme} overlay />
      ) : view.schedule ? (
        <Schedule model={view.schedule} width={l.width} height={body} theme={theme} />
      ) : (
        <>
          <Box flexDirection="row">
            <SideMenu view={view} />
            <ProcessTable
              model={view.table}
              width={l.table.width}
              height={l.table.height}
              theme={theme}
            />
          </Box>
          {l.details && (
            <Box flexDirection="row">
              {view.terminal ? (
                <Terminal
                  model={view.terminal}
                  width={l.details.width}
                  height={l.details.height}
                  theme={theme}
                />
              ) : (
                <Details
                  model={view.details}
                  width={l.details.width}
                  height={l.details.height}
                  theme={theme}
                />
              )}
              <Rule height={l.details.height} theme={theme} />
              {l.pipeline && l.caches && view.pipeline && view.caches ? (
                <Box flexDirection="column">
                  <Pipeline
                    model={view.pipeline}
                    width={l.pipeline.width}
                    height={l.pipeline.height}
                    theme={theme}
                    page={view.corePage}
                  />
                  <Caches
                    model={view.caches}
                    width={l.caches.width}
                    height={l.caches.height}
                    theme={theme}
                  />
                </Box>
              ) : (
                events
              )}
            </Box>
          )}
          {l.gantt && l.events && (
            <Box flexDirection="row">
              <Gantt
                model={view.gantt}
                width={l.gantt.width}
                height={l.gantt.height}
                theme={theme}
                page={view.corePage}
              />
              <Rule height={l.gantt.height} theme={theme} />
              {events}
            </Box>
          )}
          {!l.details && events}
        </>
      )}
      <KeyBar model={view.keybar} width={l.width} theme={theme} />
    </Box>
  );
}
